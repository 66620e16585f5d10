#include "web/noai/tdmrep.hpp"

#include <vector>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "storage/post_rights.hpp"

namespace gesso::web::noai {

namespace {

constexpr std::string_view kOptedIn = "DMI-ALLOWED";

struct Entry {
    std::string location;  // a robots-style path pattern: a prefix, "$" anchors the end
    bool reserved = true;
};

// A post's page and ActivityPub document (with its /activity and replies).
void add_post(std::vector<Entry>& out, const std::string& username, core::Id id, bool reserved) {
    out.push_back({"/@" + username + "/" + std::to_string(id) + "$", reserved});
    out.push_back({"/users/" + username + "/statuses/" + std::to_string(id), reserved});
}

}  // namespace

std::string tdmrep_json(activitypub::Context& ctx, const std::string& policy_url) {
    constexpr auto kLimit = core::limits::kMaxTdmrepEntries;
    std::vector<Entry> reservations, opt_ins;
    ctx.db.read([&](storage::Connection& conn) {
        const int rows = static_cast<int>(kLimit);
        for (const auto& p : storage::list_post_reservations(conn, rows)) {
            bool reserved = core::robots_tag_for(p.data_mining) != core::kUnreservedRobotsTag;
            bool author_reserved = core::robots_tag_for(p.author_data_mining) != core::kUnreservedRobotsTag;
            if (reserved == author_reserved) continue;
            add_post(reserved ? reservations : opt_ins, p.username, p.status_id, reserved);
        }
        std::string uri = std::string(core::kPlusVocabulary) + std::string(kOptedIn);
        for (const auto& name : storage::list_media_with_data_mining(conn, uri, rows)) {
            // The served name's stem also covers its preview and original-size copy.
            opt_ins.push_back({"/media/" + name.substr(0, name.rfind('.')), false});
        }
        for (const auto& username : storage::list_accounts_with_data_mining(conn, kOptedIn, rows)) {
            for (const std::string& base : {"/@" + username, "/users/" + username}) {
                opt_ins.push_back({base + "$", false});
                opt_ins.push_back({base + "/", false});
            }
        }
    });
    if (reservations.size() >= kLimit) {
        reservations.resize(kLimit);
        opt_ins.clear();
    } else if (reservations.size() + opt_ins.size() > kLimit) {
        opt_ins.resize(kLimit - reservations.size());
    }
    core::JsonWriter w;
    w.begin_array();
    auto write = [&](const std::string& location, bool reserved) {
        w.begin_object().field("location", location).field("tdm-reservation", reserved ? 1 : 0);
        if (reserved) w.field("tdm-policy", policy_url);
        w.end_object();
    };
    // Posts first (their entries are the most specific), then media, then accounts.
    for (const auto& e : reservations) write(e.location, true);
    for (const auto& e : opt_ins) write(e.location, e.reserved);
    write("/*", true);
    w.end_array();
    return w.str();
}

}  // namespace gesso::web::noai
