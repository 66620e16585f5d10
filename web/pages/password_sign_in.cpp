#include "web/pages/password_sign_in.hpp"

#include "activitypub/password.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::web::pages {

namespace {
namespace limits = core::limits;
const RateRule kPerAccount{"sign_in_failed_account", limits::kFailedSignInsPerAccount, limits::kFailedSignInWindow};
const RateRule kPerAddress{"sign_in_failed_address", limits::kFailedSignInsPerAddress, limits::kFailedSignInWindow};

std::string lower(std::string_view s) {
    std::string out(s.substr(0, limits::kMaxEmailLength));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
}  // namespace

bool SignInThrottle::blocked(std::string_view account_key, std::string_view address) const {
    return limiter_.exhausted(kPerAccount, account_key) || limiter_.exhausted(kPerAddress, address);
}

void SignInThrottle::record_failure(std::string_view account_key, std::string_view address) {
    limiter_.hit(kPerAccount, account_key);
    limiter_.hit(kPerAddress, address);
}

SignInResult check_password_sign_in(activitypub::Context& ctx, SignInThrottle& throttle, std::string_view login,
                                    std::string_view password, std::string_view address) {
    auto user = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_user_by_login(conn, login); });
    // Per account when it exists (e-mail and username count together), per typed login otherwise.
    std::string key = user ? std::to_string(user->account.id) : lower(login);
    if (throttle.blocked(key, address)) {
        return {std::nullopt, "Too many failed sign-in attempts. Wait a few minutes and try again."};
    }
    if (!user || password.size() > limits::kMaxPasswordLength ||
        !activitypub::verify_password(password, user->user.password_hash)) {
        throttle.record_failure(key, address);
        return {std::nullopt, "Invalid e-mail, username or password."};
    }
    if (user->account.is_suspended()) return {std::nullopt, "This account is suspended."};
    if (!user->user.approved) {
        return {std::nullopt, "This account is waiting for approval by the admins. You can sign in once it is approved."};
    }
    return {std::move(user), ""};
}

}  // namespace gesso::web::pages
