#pragma once
// Checking an e-mail-or-username and password typed into a sign-in form (the site's /auth/sign_in and the
// OAuth authorize page share it), with a failed-attempt throttle per account and per client address.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "storage/accounts.hpp"
#include "web/rate_limit.hpp"

namespace gesso::web::pages {

// Counts failed sign-ins: limits::kFailedSignInsPerAccount per account (or per unknown login) and
// kFailedSignInsPerAddress per client address, in fixed windows of kFailedSignInWindow. Thread-safe.
class SignInThrottle {
public:
    explicit SignInThrottle(const core::Clock& clock) : limiter_(clock) {}
    bool blocked(std::string_view account_key, std::string_view address) const;
    void record_failure(std::string_view account_key, std::string_view address);

private:
    RateLimiter limiter_;
};
using SignInThrottlePtr = std::shared_ptr<SignInThrottle>;

struct SignInResult {
    std::optional<storage::LocalUser> user;  // set on success
    std::string error;                       // for the person, on failure
};

// Checks `login` and `password` for the request's client address. On failure the message says why without
// telling whether the account exists (except for suspension and pending approval, shown only after the
// password was right). Passwords are not checked at all while the throttle is exhausted.
SignInResult check_password_sign_in(activitypub::Context& ctx, SignInThrottle& throttle, std::string_view login,
                                    std::string_view password, std::string_view address);

}  // namespace gesso::web::pages
