// GET/POST /auth/sign_up: registration as the node allows it (activitypub::Registrations). Open: the account
// is created and signed in. Approval: the account is created unapproved with the person's reason, and they can
// sign in once an admin approves it (`gesso admin account approve NAME`). Closed: a page says so; POST is refused.
// Accounts are created by the same engine call as `gesso admin account create`.
#include <algorithm>

#include "activitypub/accounts.hpp"
#include "activitypub/node_profile.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {
using activitypub::Registrations;

struct Sent {
    std::string username, email, reason;
    bool agreed = false;
};

Response closed(const Site& site, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    return render_form_page(site, req, "Sign up",
                       "<h1>Registrations are closed</h1>\n<p>" + core::html_escape(activitypub::node_profile(ctx).title) +
                           " does not take new accounts at the moment. You can follow its artists from any other "
                           "fediverse server.</p>\n<p>Already have an account here? <a href=\"/auth/sign_in\">Sign "
                           "in</a>.</p>\n",
                       http::status::forbidden);
}

Response form(const Site& site, const Request& req, const Sent& sent, const FieldErrors& errors) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    bool approval = activitypub::node_profile(ctx).registrations == Registrations::approval;
    std::string body = "<h1>Sign up</h1>\n";
    if (approval) body += "<p>New accounts on this server are approved by its admins. Tell them a little about you.</p>\n";
    body += form_messages(errors, "") + "<form method=\"post\" action=\"/auth/sign_up\" class=\"stack\">\n" +
            input_field("username", "Username (letters, digits and _)", "text", sent.username, errors,
                        "autocomplete=\"username\" maxlength=\"30\" required") +
            input_field("email", "E-mail", "email", sent.email, errors, "autocomplete=\"email\" required") +
            input_field("password", "Password (at least " + std::to_string(core::limits::kMinPasswordLength) +
                                        " characters)",
                        "password", "", errors, "autocomplete=\"new-password\" required") +
            input_field("password_confirmation", "Password again", "password", "", errors,
                        "autocomplete=\"new-password\" required");
    if (approval) body += textarea_field("reason", "Why do you want to join?", sent.reason, errors, 4);
    body += "<p class=\"field check\"><input type=\"checkbox\" id=\"f-agreement\" name=\"agreement\" value=\"1\" required" +
            std::string(sent.agreed ? " checked" : "") +
            std::string(errors.contains("agreement") ? " aria-invalid=\"true\" aria-describedby=\"agreement-error\"" : "") +
            "> <label for=\"f-agreement\">I agree to the server rules and terms of service</label>";
    if (errors.contains("agreement")) {
        body += "<br><span class=\"field-error\" id=\"agreement-error\" role=\"alert\">" +
                core::html_escape(errors.at("agreement")) + "</span>";
    }
    body += "</p>\n<p><button type=\"submit\">Sign up</button></p>\n</form>\n";
    return render_form_page(site, req, "Sign up", body,
                       errors.empty() ? http::status::ok : http::status::unprocessable_entity);
}

Response submit(const Site& site, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Registrations registrations = activitypub::node_profile(ctx).registrations;
    if (registrations == Registrations::closed) return closed(site, req);
    if (!same_origin(ctx, req)) return csrf_refusal(site, req);
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
        return render_form_page(site, req, "Waiting for approval",
                           "<h1>Thank you</h1>\n<p role=\"status\">Your account <strong>@" +
                               core::html_escape(account.username) +
                               "</strong> was created and is waiting for approval by the admins. You can sign in "
                               "once it is approved.</p>\n");
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
    router.add(http::verb::post, "/auth/sign_up", site->route([s = site.get()](const Request& req) { return submit(*s, req); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
