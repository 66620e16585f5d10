// GET/POST /auth/sign_up: registration as the node allows it (activitypub::Registrations). Open: the account
// is created and signed in. Approval: the account is created unapproved with the person's reason, and they can
// sign in once an admin approves it (`gesso admin account approve NAME`). Closed: a page says so; POST is refused.
// Each client address may send limits::kSignUpsPerAddress sign-up forms per kSignUpWindow (a fixed window, as the
// sign-in throttle's); more get a 429 page with Retry-After, and nothing is checked or created.
// The form lists the node's rules (activitypub::node_profile) above the box that agrees to them.
// Accounts are created by the same engine call as `gesso admin account create`.
#include <algorithm>

#include "activitypub/accounts.hpp"
#include "activitypub/node_profile.hpp"
#include "core/limits.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"
#include "web/rate_limit.hpp"

namespace gesso::web::pages {

namespace {
using activitypub::Registrations;

const RateRule kSignUpsPerAddress{"sign_up_address", core::limits::kSignUpsPerAddress, core::limits::kSignUpWindow};

Response too_many(const Site& site, const Request& req, const RateDecision& decision) {
    mustache::data data;
    data.set("minutes", std::to_string((decision.retry_after.count() + 59) / 60));
    Response res = render_form_page(site, req, "Too many sign-ups", "sign_up_throttled", std::move(data),
                                    http::status::too_many_requests);
    res.set(http::field::retry_after, std::to_string(decision.retry_after.count()));
    return res;
}

struct Sent {
    std::string username, email, reason;
    bool agreed = false;
};

Response closed(const Site& site, const Request& req) {
    return render_form_page(site, req, "Sign up", "sign_up_closed", {}, http::status::forbidden);
}

Response form(const Site& site, const Request& req, const Sent& sent, const FieldErrors& errors) {
    mustache::data data;
    activitypub::NodeProfile profile = activitypub::node_profile(site.ctx());
    if (profile.registrations == Registrations::approval) data.set("approval", true);
    if (!profile.rules.empty()) {
        mustache::data rules{mustache::data::type::list};
        for (const auto& rule : profile.rules) rules.push_back(mustache::data(rule));
        data.set("rules", std::move(rules));
        data.set("has_rules", true);
    }
    data.set("username", sent.username);
    data.set("email", sent.email);
    data.set("reason", sent.reason);
    if (sent.agreed) data.set("agreed", true);
    data.set("min_password", std::to_string(core::limits::kMinPasswordLength));
    add_form_messages(data, errors);
    return render_form_page(site, req, "Sign up", "sign_up", std::move(data), form_status(errors));
}

Response submit(const Site& site, RateLimiter& throttle, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Registrations registrations = activitypub::node_profile(ctx).registrations;
    if (registrations == Registrations::closed) return closed(site, req);
    if (!same_origin(ctx, req)) return csrf_refusal(site, req);
    if (RateDecision d = throttle.hit(kSignUpsPerAddress, req.remote_address); !d.allowed) return too_many(site, req, d);
    Params p = Params::from(req);
    bool approval = registrations == Registrations::approval;
    Sent sent{p.get_or("username", ""), p.get_or("email", ""), approval ? p.get_or("reason", "") : "",
              p.get_or("agreement", "") == "1"};
    std::string password = p.get_or("password", "");
    if (password != p.get_or("password_confirmation", "")) {
        return form(site, req, sent, {{"password_confirmation", "The two passwords differ."}});
    }
    if (!sent.agreed) {
        return form(site, req, sent, {{"agreement", "You need to agree to the rules to sign up."}});
    }
    if (approval && sent.reason.empty()) return form(site, req, sent, {{"reason", "Please say why you want to join."}});
    auto chars = std::count_if(sent.reason.begin(), sent.reason.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (static_cast<std::size_t>(chars) > core::limits::kMaxRegistrationReasonChars) {
        return form(site, req, sent, {{"reason", "Keep it under " + std::to_string(core::limits::kMaxRegistrationReasonChars) +
                                               " characters."}});
    }
    core::Account account;
    try {
        account = activitypub::create_local_account(ctx, {sent.username, sent.email, password, false, !approval, sent.reason});
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable && e.code() != core::Errc::conflict) throw;
        return form(site, req, sent, errors_from(e, {{"username", "username"}, {"e-mail", "email"}, {"password", "password"}}));
    }
    if (approval) {
        mustache::data data;
        data.set("username", account.username);
        return render_form_page(site, req, "Waiting for approval", "sign_up_waiting", std::move(data));
    }
    Response res = see_other("/settings/profile");
    res.set(http::field::set_cookie, start_session(ctx, account.id, req));
    return res;
}

}  // namespace

void add_sign_up_routes(Router& router, const SitePtr& site) {
    router.get("/auth/sign_up", site->route([s = site.get()](const Request& req) {
        if (activitypub::node_profile(s->ctx()).registrations == Registrations::closed) return closed(*s, req);
        return form(*s, req, {}, {});
    }));
    auto throttle = std::make_shared<RateLimiter>(site->ctx().clock);
    router.add(http::verb::post, "/auth/sign_up",
               site->route([s = site.get(), throttle](const Request& req) { return submit(*s, *throttle, req); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
