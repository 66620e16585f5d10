#include "storage/profiles.hpp"
#include "storage/id_list.hpp"

#include "core/json.hpp"
#include "core/json_parse.hpp"

namespace gesso::storage {

namespace {
std::string fields_json(const std::vector<core::ProfileField>& fields) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& f : fields) w.begin_object().field("name", f.name).field("value", f.value).end_object();
    w.end_array();
    return w.str();
}

std::string strings_json(const std::vector<std::string>& values) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& v : values) w.value(v);
    w.end_array();
    return w.str();
}
}  // namespace

namespace {
// Reads fields, also_known_as, moved_to_account_id, x_robots_tag, license (columns 0-4).
core::AccountProfile read_profile(const Statement& stmt) {
    core::AccountProfile p;
    rapidjson::Document fields = core::parse_json(stmt.text(0));
    for (const auto& f : fields.GetArray()) p.fields.push_back({f["name"].GetString(), f["value"].GetString()});
    rapidjson::Document aliases = core::parse_json(stmt.text(1));
    for (const auto& a : aliases.GetArray()) p.also_known_as.emplace_back(a.GetString());
    p.moved_to_account_id = stmt.optional_int64(2);
    p.x_robots_tag = stmt.text(3);
    p.license = stmt.text(4);
    return p;
}
}  // namespace

core::AccountProfile find_profile(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(
        "SELECT fields, also_known_as, moved_to_account_id, x_robots_tag, license FROM accounts WHERE id = ?");
    stmt.bind(1, account_id);
    if (!stmt.step()) return {};
    return read_profile(stmt);
}

void update_profile(Connection& conn, core::Id account_id, const core::AccountProfile& p) {
    conn.prepare("UPDATE accounts SET fields = ?, also_known_as = ?, x_robots_tag = ?, license = ? WHERE id = ?")
        .bind(1, fields_json(p.fields))
        .bind(2, strings_json(p.also_known_as))
        .bind(3, p.x_robots_tag)
        .bind(4, p.license)
        .bind(5, account_id)
        .run();
}

void set_moved_to(Connection& conn, core::Id account_id, std::optional<core::Id> target_account_id) {
    conn.prepare("UPDATE accounts SET moved_to_account_id = ? WHERE id = ?").bind(1, target_account_id).bind(2, account_id).run();
}

void update_account_identity(Connection& conn, const core::Account& a) {
    auto stmt = conn.prepare(
        "UPDATE accounts SET display_name = ?, note = ?, locked = ?, bot = ?, discoverable = ?, indexable = ?, "
        "avatar_url = ?, header_url = ?, updated_at = ? WHERE id = ?");
    stmt.bind(1, a.display_name).bind(2, a.note).bind(3, a.locked).bind(4, a.bot).bind(5, a.discoverable);
    stmt.bind(6, a.indexable).bind(7, a.avatar_url).bind(8, a.header_url).bind(9, core::to_unix_ms(a.updated_at));
    stmt.bind(10, a.id);
    stmt.run();
}

PostingDefaults find_posting_defaults(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT default_privacy, default_sensitive, default_language FROM users WHERE account_id = ?");
    stmt.bind(1, account_id);
    PostingDefaults d;
    if (!stmt.step()) return d;
    d.privacy = stmt.text(0);
    d.sensitive = stmt.int64(1) != 0;
    d.language = stmt.text(2);
    return d;
}

void set_posting_defaults(Connection& conn, core::Id account_id, const PostingDefaults& d) {
    conn.prepare("UPDATE users SET default_privacy = ?, default_sensitive = ?, default_language = ? WHERE account_id = ?")
        .bind(1, d.privacy)
        .bind(2, d.sensitive)
        .bind(3, d.language)
        .bind(4, account_id)
        .run();
}

std::unordered_map<core::Id, core::AccountProfile> find_profiles(Connection& conn, const std::vector<core::Id>& account_ids) {
    static const std::string sql =
        std::string("SELECT fields, also_known_as, moved_to_account_id, x_robots_tag, license, id FROM accounts WHERE id IN ") +
        kIdListSql;
    std::unordered_map<core::Id, core::AccountProfile> out;
    for_id_chunks(account_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(5)] = read_profile(stmt);
    });
    return out;
}

}  // namespace gesso::storage
