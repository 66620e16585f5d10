#include "activitypub/webfinger.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

std::string username_from_acct(std::string_view acct, const NodeUrls& urls) {
    if (!acct.empty() && acct.front() == '@') acct.remove_prefix(1);
    auto at = acct.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == acct.size()) {
        throw Error(Errc::bad_request, "resource must look like acct:user@domain");
    }
    std::string_view user = acct.substr(0, at);
    std::string_view domain = acct.substr(at + 1);
    if (!core::iequals_ascii(domain, urls.domain) && !core::iequals_ascii(domain, urls.host())) {
        throw Error(Errc::not_found, "resource is not on this server");
    }
    return std::string(user);
}

std::string username_from_url(std::string_view url, const NodeUrls& urls) {
    std::string base = urls.base();
    if (!core::starts_with_icase(url, base) || url.size() == base.size() || url[base.size()] != '/') {
        throw Error(Errc::not_found, "resource is not on this server");
    }
    std::string_view path = url.substr(base.size());
    if (path == "/actor") return urls.host();
    for (std::string_view prefix : {"/users/", "/@"}) {
        if (path.substr(0, prefix.size()) == prefix && path.size() > prefix.size()) {
            std::string_view name = path.substr(prefix.size());
            if (name.find('/') == std::string_view::npos) return std::string(name);
        }
    }
    throw Error(Errc::not_found, "resource names no account");
}

}  // namespace

std::string username_from_resource(std::string_view resource, const NodeUrls& urls) {
    resource = core::trim(resource);
    if (resource.empty()) throw Error(Errc::bad_request, "the resource parameter is required");
    if (resource.size() > core::limits::kMaxWebfingerResourceLength) {
        throw Error(Errc::bad_request, "resource is too long");
    }
    if (core::starts_with_icase(resource, "acct:")) return username_from_acct(resource.substr(5), urls);
    if (core::starts_with_icase(resource, "https://") || core::starts_with_icase(resource, "http://")) {
        return username_from_url(resource, urls);
    }
    if (resource.find(':') == std::string_view::npos || resource.find('@') != std::string_view::npos) {
        return username_from_acct(resource, urls);
    }
    throw Error(Errc::bad_request, "resource must be an acct: URI or an actor URL");
}

std::string render_jrd(const core::Account& account, const NodeUrls& urls) {
    const bool instance = account.actor_type == "Application";
    const std::string actor = instance ? urls.instance_actor() : urls.actor(account.username);
    core::JsonWriter w;
    w.begin_object();
    w.field("subject", "acct:" + account.username + "@" + urls.domain);
    w.key("aliases").begin_array().value(actor);
    if (!instance) w.value(urls.profile(account.username));
    w.end_array();
    w.key("links").begin_array();
    w.begin_object().field("rel", "self").field("type", "application/activity+json").field("href", actor).end_object();
    if (!instance) {
        w.begin_object()
            .field("rel", "http://webfinger.net/rel/profile-page")
            .field("type", "text/html")
            .field("href", urls.profile(account.username))
            .end_object();
        // Remote follow (Mastodon's OStatus link): other servers send their users here to follow `{uri}`.
        w.begin_object()
            .field("rel", "http://ostatus.org/schema/1.0/subscribe")
            .field("template", urls.base() + "/authorize_interaction?uri={uri}")
            .end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace gesso::activitypub
