#include "activitypub/node_profile.hpp"

#include <algorithm>

#include "activitypub/accounts.hpp"
#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/profiles.hpp"
#include "storage/settings.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;
namespace limits = core::limits;

namespace {

constexpr std::string_view kTitleKey = "node.title";
constexpr std::string_view kDescriptionKey = "node.description";
constexpr std::string_view kContactKey = "node.contact_email";
constexpr std::string_view kRegistrationsKey = "node.registrations";
constexpr std::string_view kRulesKey = "node.rules";  // one rule per line

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = core::trim(text.substr(0, end));
        if (!line.empty()) out.emplace_back(line);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return out;
}

bool has_control(std::string_view s) {
    for (unsigned char c : s) {
        if (c < 0x20 && c != '\n' && c != '\t') return true;
    }
    return false;
}

}  // namespace

std::string_view registrations_word(Registrations r) {
    switch (r) {
        case Registrations::open: return "open";
        case Registrations::approval: return "approval";
        case Registrations::closed: return "closed";
    }
    return "closed";
}

std::optional<Registrations> parse_registrations(std::string_view word) {
    if (word == "open") return Registrations::open;
    if (word == "approval") return Registrations::approval;
    if (word == "closed") return Registrations::closed;
    return std::nullopt;
}

NodeProfile node_profile(const Context& ctx, storage::Connection& conn) {
    // Every page's layout asks for the profile: one query for all its keys.
    const auto stored = storage::settings_with_prefix(conn, "node.");
    auto value = [&](std::string_view key) -> const std::string* {
        auto it = stored.find(key);
        return it == stored.end() ? nullptr : &it->second;
    };
    NodeProfile p;
    p.title = value(kTitleKey) ? *value(kTitleKey) : ctx.settings.title;
    p.description = value(kDescriptionKey) ? *value(kDescriptionKey) : std::string(kDefaultNodeDescription);
    if (value(kContactKey)) p.contact_email = *value(kContactKey);
    p.registrations = ctx.settings.registrations;
    if (value(kRegistrationsKey)) p.registrations = parse_registrations(*value(kRegistrationsKey)).value_or(p.registrations);
    if (value(kRulesKey)) p.rules = split_lines(*value(kRulesKey));
    return p;
}

NodeProfile node_profile(Context& ctx) {
    return ctx.db.read([&](storage::Connection& conn) { return node_profile(ctx, conn); });
}

void save_node_profile(Context& ctx, NodeProfile p) {
    p.title = std::string(core::trim(p.title));
    p.description = std::string(core::trim(p.description));
    std::erase(p.description, '\r');  // browsers send a textarea's line breaks as CR LF
    p.contact_email = std::string(core::trim(p.contact_email));
    if (p.title.empty()) throw Error(Errc::unprocessable, "Title can't be blank");
    auto title_chars = std::count_if(p.title.begin(), p.title.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (static_cast<std::size_t>(title_chars) > limits::kNodeTitleChars || has_control(p.title) ||
        p.title.find('\n') != std::string::npos) {
        std::string message = "Title must be one line of at most ";
        message.append(std::to_string(limits::kNodeTitleChars)).append(" characters");
        throw Error(Errc::unprocessable, message);
    }
    if (p.description.size() > limits::kNodeDescriptionBytes || has_control(p.description)) {
        std::string message = "Description is too long (at most ";
        message.append(std::to_string(limits::kNodeDescriptionBytes)).append(" bytes)");
        throw Error(Errc::unprocessable, message);
    }
    if (!p.contact_email.empty()) {
        if (p.contact_email.size() > limits::kNodeContactBytes) throw Error(Errc::unprocessable, "Contact e-mail is too long");
        try {
            validate_email(p.contact_email);
        } catch (const Error& e) {
            throw Error(Errc::unprocessable, std::string("Contact e-mail: ") + e.what());
        }
    }
    std::vector<std::string> rules;
    for (const auto& rule : p.rules) {
        for (auto& line : split_lines(rule)) rules.push_back(std::move(line));
    }
    if (rules.size() > limits::kNodeRules) {
        std::string message = "Rules: at most ";
        message.append(std::to_string(limits::kNodeRules)).append(" rules");
        throw Error(Errc::unprocessable, message);
    }
    std::string joined;
    for (const auto& rule : rules) {
        if (rule.size() > limits::kNodeRuleBytes || has_control(rule)) {
            std::string message = "Rules: each rule is one line of at most ";
            message.append(std::to_string(limits::kNodeRuleBytes)).append(" bytes");
            throw Error(Errc::unprocessable, message);
        }
        joined.append(rule).append("\n");
    }
    ctx.db.write([&](storage::Connection& conn) {
        storage::set_setting(conn, kTitleKey, p.title);
        storage::set_setting(conn, kDescriptionKey, p.description);
        storage::set_setting(conn, kContactKey, p.contact_email);
        storage::set_setting(conn, kRegistrationsKey, registrations_word(p.registrations));
        storage::set_setting(conn, kRulesKey, joined);
        // The instance actor (Application) carries the node's name to other servers: it follows the title.
        if (auto actor = storage::find_account_by_uri(conn, ctx.urls.instance_actor());
            actor && actor->display_name != p.title) {
            actor->display_name = p.title;
            actor->updated_at = ctx.clock.now();
            storage::update_account_identity(conn, *actor);
        }
    });
}

}  // namespace gesso::activitypub
