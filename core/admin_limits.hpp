#pragma once
// Written limits of the admin pages (web/pages/admin_*), apart from core/limits.hpp so that tuning them does not
// rebuild every library.
#include <cstddef>

namespace gesso::core::limits {

// Rows per page of the admin account list (/admin/accounts).
inline constexpr int kAdminAccountsPerPage = 50;
// Highest page number the account list accepts (offset paging: 50 x 1000 rows at most skipped).
inline constexpr int kAdminMaxPage = 1000;
// Longest account search text, in bytes.
inline constexpr std::size_t kAdminSearchBytes = 100;
// Failing instances listed on the overview, most failures first.
inline constexpr int kAdminFailingInstances = 50;
// Reports listed per page (open or resolved), and policy decisions / held posts shown on the policy page.
inline constexpr int kAdminReportsPerPage = 100;
inline constexpr int kAdminPolicyLogRows = 100;
inline constexpr int kAdminHeldRows = 100;
// Statuses of a report shown on its page.
inline constexpr int kAdminReportStatuses = 20;
// Node settings edited on /admin/settings: the title in characters (as the config key `title` allows), the
// others in bytes; rules: count and bytes each.
inline constexpr std::size_t kNodeTitleChars = 200;
inline constexpr std::size_t kNodeDescriptionBytes = 2000;
inline constexpr std::size_t kNodeContactBytes = 254;
inline constexpr std::size_t kNodeRuleBytes = 300;
inline constexpr std::size_t kNodeRules = 30;
// Longest reason of a domain block, in bytes.
inline constexpr std::size_t kDomainReasonBytes = 1000;
// Longest last-error text kept per instance (bytes; longer is cut).
inline constexpr std::size_t kInstanceErrorBytes = 300;

}  // namespace gesso::core::limits
