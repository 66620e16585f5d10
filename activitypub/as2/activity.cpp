#include "activitypub/as2/activity.hpp"

#include <array>
#include <utility>

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/values.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"

namespace gesso::activitypub::as2 {

namespace {

constexpr std::array<std::pair<ActivityType, std::string_view>, 15> kNames{{
    {ActivityType::create, "Create"},
    {ActivityType::update, "Update"},
    {ActivityType::delete_, "Delete"},
    {ActivityType::follow, "Follow"},
    {ActivityType::accept, "Accept"},
    {ActivityType::reject, "Reject"},
    {ActivityType::undo, "Undo"},
    {ActivityType::like, "Like"},
    {ActivityType::emoji_react, "EmojiReact"},
    {ActivityType::announce, "Announce"},
    {ActivityType::block, "Block"},
    {ActivityType::flag, "Flag"},
    {ActivityType::move, "Move"},
    {ActivityType::add, "Add"},
    {ActivityType::remove, "Remove"},
}};

void read_object(const rapidjson::Value& activity, ParsedActivity& a, const std::string& what) {
    const auto* object = find(activity, "object");
    std::string object_what = path(what, "object");
    if (!object) {
        if (a.kind != ActivityType::unknown) refuse(object_what + " is missing");
        return;
    }
    if (object->IsArray()) {
        if (a.kind != ActivityType::flag) {
            if (a.kind == ActivityType::unknown) return;
            refuse(object_what + " must be one object or id, not an array");
        }
        a.flag_objects = read_id_list(activity, "object", limits::kMaxFlagObjects, object_what);
        if (!a.flag_objects.empty()) a.object_id = a.flag_objects.front();
        return;
    }
    if (object->IsObject()) {
        EmbeddedObject embedded;
        embedded.id = read_id(activity, "object", object_what);
        embedded.type = read_type(*object, object_what);
        embedded.json = to_json(*object);
        a.object_id = embedded.id;
        a.object = std::move(embedded);
    } else {
        a.object_id = read_id(activity, "object", object_what);
    }
    if (a.kind == ActivityType::flag && !a.object_id.empty()) a.flag_objects.push_back(a.object_id);
    if (a.object_id.empty() && !a.object && a.kind != ActivityType::unknown) refuse(object_what + " is empty");
}

}  // namespace

std::string_view to_string(ActivityType type) {
    for (const auto& [kind, name] : kNames) {
        if (kind == type) return name;
    }
    return "unknown";
}

ActivityType activity_type_from(std::string_view name) {
    for (const auto& [kind, n] : kNames) {
        if (n == name) return kind;
    }
    return ActivityType::unknown;
}

ParsedActivity parse_activity(const rapidjson::Value& activity, IdRule id_rule) {
    if (!activity.IsObject()) throw core::Error(core::Errc::bad_request, "activity is not a JSON object");
    ParsedActivity a;
    a.type = read_type(activity, "activity");
    if (a.type.empty()) refuse("activity.type is missing");
    a.kind = activity_type_from(a.type);
    const std::string what = a.type;  // messages read "Create.object", "Like.content", ...
    a.id = id_rule == IdRule::required ? require_id(activity, "id", path(what, "id"))
                                       : read_id(activity, "id", path(what, "id"));
    a.actor = require_id(activity, "actor", path(what, "actor"));
    read_object(activity, a, what);
    a.target = read_id(activity, "target", path(what, "target"));
    a.to = read_addresses(activity, "to", path(what, "to"));
    a.cc = read_addresses(activity, "cc", path(what, "cc"));
    a.published = read_time(activity, "published", path(what, "published"));
    a.content = read_text(activity, "content", limits::kMaxActivityContentBytes, path(what, "content"));
    if (a.content.empty()) {
        a.content =
            read_text(activity, "_misskey_reaction", limits::kMaxActivityContentBytes, path(what, "_misskey_reaction"));
    }
    a.emojis = read_tags(activity, path(what, "tag")).emojis;
    return a;
}

rapidjson::Document embedded_document(const EmbeddedObject& object) { return core::parse_json(object.json); }

}  // namespace gesso::activitypub::as2
