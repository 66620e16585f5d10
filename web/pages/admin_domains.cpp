// GET /admin/domains: the domain policies (blocks: suspend, silence, reject media; the allowlist).
// POST /admin/domains: add or change one; POST /admin/domains/remove: lift a block or take a domain off the
// allowlist. The engine's functions (activitypub/domain_policies.hpp), as `gesso admin domain ...` calls them.
#include "activitypub/domain_policies.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

struct PolicyChoice {
    std::string_view value;
    std::string_view label;
};
// What the form offers: every combination the CLI's block verb (--severity, --reject-media) and allow verb make.
constexpr PolicyChoice kChoices[] = {
    {"suspend", "Suspend: accept nothing from it, deliver nothing to it"},
    {"silence", "Silence: keep its accounts out of public timelines"},
    {"silence-reject-media", "Silence and reject its media"},
    {"reject-media", "Reject media only: keep posts, drop their attachments"},
    {"allow", "Allow (the allowlist, when federation_mode is allowlist)"},
};

struct Sent {
    std::string domain, policy = "suspend", reason;
};

std::string notice_for(std::string_view done) {
    if (done == "added") return "The domain policy was saved.";
    if (done == "removed") return "The domain policy was removed.";
    return "";
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer, const Sent& sent,
              const FieldErrors& errors, http::status status) {
    activitypub::Context& ctx = site.ctx();
    mustache::data data;
    set_form_errors(data, errors);
    std::string notice = notice_for(req.query_param("done").value_or(""));
    if (!notice.empty() && errors.empty()) data.set("notice", notice);
    data.set("domain", sent.domain);
    data.set("reason", sent.reason);
    mustache::data choices{mustache::data::type::list};
    for (const auto& c : kChoices) {
        mustache::data item;
        item.set("value", std::string(c.value));
        item.set("label", std::string(c.label));
        if (c.value == sent.policy) item.set("selected", true);
        choices.push_back(std::move(item));
    }
    data.set("choices", std::move(choices));
    if (ctx.settings.federation_mode == storage::FederationMode::allowlist) data.set("allowlist_mode", true);
    mustache::data rows{mustache::data::type::list};
    auto policies = activitypub::list_domain_policies(ctx);
    for (const auto& p : policies) {
        mustache::data row;
        row.set("domain", p.domain);
        row.set("policy", activitypub::domain_policy_words(p));
        row.set("reason", p.block ? p.block->reason : std::string());  // always set: the form has a "reason" too
        if (p.block) row.set("blocked", true);
        if (p.allowed) row.set("allowed", true);
        rows.push_back(std::move(row));
    }
    if (!policies.empty()) data.set("has_policies", true);
    data.set("policies", std::move(rows));
    return render_admin_page(site, req, viewer, "/admin/domains", "Domain policies", "admin_domains", std::move(data),
                             status);
}

Response add(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    Sent sent{std::string(core::trim(p.get_or("domain", ""))), p.get_or("policy", ""),
              std::string(core::trim(p.get_or("reason", "")))};
    try {
        if (sent.policy == "allow") {
            activitypub::allow_domain(ctx, sent.domain);
        } else {
            activitypub::DomainBlockInput block{sent.domain, core::DomainSeverity::suspend, false, sent.reason};
            if (sent.policy == "silence" || sent.policy == "silence-reject-media") {
                block.severity = core::DomainSeverity::silence;
            } else if (sent.policy == "reject-media") {
                block.severity = core::DomainSeverity::none;
            } else if (sent.policy != "suspend") {
                throw core::Error(core::Errc::unprocessable, "Choose one of the policies listed.");
            }
            block.reject_media = sent.policy == "silence-reject-media" || sent.policy == "reject-media";
            activitypub::block_domain(ctx, block);
        }
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        return show(site, req, viewer, sent,
                    errors_from(e, {{"domain name", "domain"}, {"reason", "reason"}, {"policies", "policy"}}),
                    http::status::unprocessable_entity);
    }
    return see_other("/admin/domains?done=added");
}

Response remove(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    std::string domain = p.get_or("domain", "");
    try {
        if (p.get_or("list", "") == "allow") {
            activitypub::disallow_domain(ctx, domain);
        } else {
            activitypub::unblock_domain(ctx, domain);
        }
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable && e.code() != core::Errc::not_found) throw;
        return show(site, req, viewer, {}, {{"", e.what()}}, http::status::unprocessable_entity);
    }
    return see_other("/admin/domains?done=removed");
}

}  // namespace

void add_admin_domain_routes(Router& router, const SitePtr& site) {
    const Site* s = site.get();
    router.get("/admin/domains", admin_only(site, [s](const Request& req, const SessionViewer& v) {
                   return show(*s, req, v, {}, {}, http::status::ok);
               }));
    add_admin_post(router, site, "/admin/domains", [s](const Request& req, const SessionViewer& v) { return add(*s, req, v); });
    add_admin_post(router, site, "/admin/domains/remove",
                   [s](const Request& req, const SessionViewer& v) { return remove(*s, req, v); });
}

}  // namespace gesso::web::pages
