#include "storage/account_statuses.hpp"

#include "storage/follows.hpp"
#include "storage/post_details.hpp"

namespace gesso::storage {

namespace {

// Every filter is bound, so the statement text is one constant (and one cached statement).
constexpr const char* kAccountStatuses =
    "SELECT s.id, s.id FROM statuses s WHERE s.account_id = ? AND s.deleted_at IS NULL "
    "AND (s.visibility <= ? OR EXISTS (SELECT 1 FROM mentions mm WHERE mm.status_id = s.id AND mm.account_id = ?)) "
    "AND (? = 0 OR s.reblog_of_id IS NULL) "
    "AND (? = 0 OR s.in_reply_to_uri = '' "
    "     OR EXISTS (SELECT 1 FROM statuses p WHERE p.id = s.in_reply_to_id AND p.account_id = s.account_id)) "
    "AND (? = 0 OR EXISTS (SELECT 1 FROM media m WHERE m.status_id = s.id)) "
    "AND (? = 0 OR EXISTS (SELECT 1 FROM status_pins sp WHERE sp.account_id = s.account_id AND sp.status_id = s.id)) "
    "AND (? = '' OR EXISTS (SELECT 1 FROM status_tags t WHERE t.status_id = s.id AND t.tag = ?))";

}  // namespace

std::vector<PageRow> account_statuses_page(Connection& conn, core::Id account_id, const AccountStatusFilter& f,
                                           const IdPage& page) {
    // Visibility is stored 0 public, 1 unlisted, 2 followers-only, 3 direct.
    int max_visibility = 1;
    if (f.viewer && *f.viewer == account_id) {
        max_visibility = 3;
    } else if (f.viewer) {
        auto follow = find_follow(conn, *f.viewer, account_id);
        if (follow && follow->accepted) max_visibility = 2;
    }
    std::string tag = f.tagged.empty() ? std::string() : normalize_tag(f.tagged);
    return page_rows(conn, kAccountStatuses, "s.id", page, [&](Statement& s) {
        s.bind(1, account_id).bind(2, max_visibility).bind(3, f.viewer.value_or(0));
        s.bind(4, f.exclude_reblogs).bind(5, f.exclude_replies).bind(6, f.only_media).bind(7, f.pinned);
        s.bind(8, tag).bind(9, tag);
        return 10;
    });
}

}  // namespace gesso::storage
