#include "activitypub/remote_actors.hpp"

#include "activitypub/accounts.hpp"
#include "activitypub/emojis.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "activitypub/transport.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/profiles.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

Transport& transport_of(Context& ctx) {
    if (!ctx.transport) throw Error(Errc::unavailable, "federation is not available", "no transport configured");
    return *ctx.transport;
}

bool is_json_content_type(const std::optional<std::string>& type) {
    if (!type) return false;
    std::string t = core::to_lower_ascii(*type);
    return t.find("application/activity+json") != std::string::npos ||
           t.find("application/ld+json") != std::string::npos || t.find("application/json") != std::string::npos;
}

// The instance actor's RSA key signs every fetch (servers with authorized fetch require a signature).
std::optional<core::KeyPair> instance_signing_key(Context& ctx) {
    auto actor = find_instance_actor(ctx);
    if (!actor) return std::nullopt;
    auto keys = ctx.db.read([&](storage::Connection& conn) { return storage::find_keys(conn, actor->id); });
    for (auto& k : keys) {
        if (k.type == core::KeyType::rsa && !k.private_pem.empty()) return k;
    }
    return std::nullopt;
}

std::string last_path_segment(const std::string& url) {
    std::string path = split_url(url).target;
    path = path.substr(0, path.find('?'));
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path.substr(path.rfind('/') + 1);
}

core::Account account_from(const as2::ParsedActor& a) {
    core::Account out;
    out.uri = a.id;
    out.domain = url_authority(a.id);
    out.username = a.preferred_username.empty() ? last_path_segment(a.id) : a.preferred_username;
    out.display_name = a.name;
    out.note = a.summary;
    out.url = a.url;
    out.actor_type = a.type;
    out.inbox_url = a.inbox;
    out.outbox_url = a.outbox;
    out.shared_inbox_url = a.shared_inbox;
    out.followers_url = a.followers;
    out.following_url = a.following;
    out.featured_url = a.featured;
    out.avatar_url = a.icon_url;
    out.header_url = a.image_url;
    out.locked = a.manually_approves_followers;
    out.discoverable = a.discoverable;
    out.indexable = a.indexable;
    out.bot = a.type == "Service" || a.type == "Application";
    return out;
}

}  // namespace

std::string url_authority(std::string_view url) {
    try {
        return split_url(url).authority;
    } catch (const Error&) {
        return {};
    }
}

rapidjson::Document fetch_document(Context& ctx, const std::string& url, std::string* final_url) {
    OutgoingRequest request;
    request.url = url;
    request.set_header("Accept",
                       "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
    if (auto key = instance_signing_key(ctx)) {
        std::string key_id = key->key_id;
        std::string pem = key->private_pem;
        request.sign = [&ctx, key_id, pem](OutgoingRequest& r) { sign_cavage(r, key_id, pem, ctx.clock.now()); };
    }
    IncomingResponse response = transport_of(ctx).send(request);
    if (response.status == 404 || response.status == 410) throw Error(Errc::not_found, url + " does not exist");
    if (response.status == 401 || response.status == 403) throw Error(Errc::forbidden, url + " refused to answer us");
    if (response.status >= 500 || response.status == 429) {
        throw Error(Errc::unavailable, url + " answered " + std::to_string(response.status));
    }
    if (response.status != 200) {
        throw Error(Errc::unprocessable, url + " answered " + std::to_string(response.status));
    }
    if (!is_json_content_type(response.header("Content-Type"))) {
        throw Error(Errc::unprocessable, url + " is not an ActivityStreams document");
    }
    if (final_url) *final_url = response.final_url.empty() ? url : response.final_url;
    try {
        return core::parse_json(response.body, core::limits::kMaxJsonDepth, core::limits::kMaxFetchBytes);
    } catch (const Error& e) {
        throw Error(Errc::unprocessable, url + ": " + e.what());
    }
}

core::Account store_remote_actor(Context& ctx, const as2::ParsedActor& actor, const std::string& fetched_from) {
    std::string host = url_authority(actor.id);
    if (host.empty() || host != url_authority(fetched_from)) {
        throw Error(Errc::unprocessable, "actor " + actor.id + " was served by another host (" + fetched_from + ")");
    }
    if (host == core::to_lower_ascii(ctx.urls.domain)) {
        throw Error(Errc::unprocessable, "a remote document claims a local actor id: " + actor.id);
    }
    core::Account account = account_from(actor);
    auto now = ctx.clock.now();
    account.id = ctx.ids.next(now);
    account.created_at = account.updated_at = now;
    std::vector<core::KeyPair> keys;
    for (const auto& key : actor.public_keys) {
        if (url_authority(key.id) != host) continue;  // a key must live with its actor
        auto type = public_key_type(key.pem);
        if (type == KeyType::other) continue;
        keys.push_back({ctx.ids.next(now), 0, type == KeyType::rsa ? core::KeyType::rsa : core::KeyType::ed25519,
                        key.id, key.pem, ""});
    }
    for (const auto& method : actor.assertion_methods) {
        if (url_authority(method.id) != host) continue;
        try {
            keys.push_back({ctx.ids.next(now), 0, core::KeyType::ed25519, method.id,
                            ed25519_pem_from_multibase(method.public_key_multibase), ""});
        } catch (const Error& e) {
            GESSO_LOG(debug) << "ignoring multikey " << method.id << ": " << e.what();
        }
    }
    return ctx.db.write([&](storage::Connection& conn) {
        core::Account stored = storage::upsert_remote_account(conn, account, now);
        for (auto& key : keys) {
            key.account_id = stored.id;
            storage::upsert_public_key(conn, key);
        }
        core::AccountProfile profile = storage::find_profile(conn, stored.id);  // keeps moved_to
        profile.fields.clear();
        for (const auto& f : actor.fields) profile.fields.push_back({f.name, f.value});
        profile.also_known_as = actor.also_known_as;
        profile.x_robots_tag = actor.x_robots_tag;
        profile.license = actor.license;
        storage::update_profile(conn, stored.id, profile);
        store_emojis(conn, actor.emojis, stored.domain, now);
        return stored;
    });
}

core::Account remote_actor(Context& ctx, const std::string& uri, FetchMode mode) {
    auto cached = ctx.db.read([&](storage::Connection& conn) -> std::optional<std::pair<core::Account, bool>> {
        auto account = storage::find_account_by_uri(conn, uri);
        if (!account) return std::nullopt;
        auto fetched = storage::account_fetched_at(conn, account->id);
        bool fresh = account->is_local() ||
                     (fetched && ctx.clock.now() - *fetched < ctx.settings.actor_cache_ttl);
        return std::make_pair(*account, fresh);
    });
    if (cached && (cached->first.is_local() || (mode == FetchMode::cached && cached->second))) return cached->first;
    std::string final_url;
    rapidjson::Document doc = fetch_document(ctx, uri, &final_url);
    as2::ParsedActor actor = as2::parse_actor(doc);
    if (actor.id != uri && url_authority(actor.id) != url_authority(uri)) {
        throw Error(Errc::unprocessable, "fetched " + uri + " but got the actor " + actor.id);
    }
    return store_remote_actor(ctx, actor, final_url);
}

VerificationKey verification_key(Context& ctx, const std::string& key_id, FetchMode mode) {
    auto lookup = [&]() -> std::optional<VerificationKey> {
        return ctx.db.read([&](storage::Connection& conn) -> std::optional<VerificationKey> {
            auto key = storage::find_key_by_key_id(conn, key_id);
            if (!key) return std::nullopt;
            auto owner = storage::find_account(conn, key->account_id);
            if (!owner) return std::nullopt;
            return VerificationKey{key->public_pem, *owner};
        });
    };
    if (mode == FetchMode::cached) {
        if (auto found = lookup()) return *found;
    }
    if (url_authority(key_id).empty()) throw Error(Errc::unauthorized, "the signature's keyId is not a URL");
    // Most keys are fragments of the actor (…/users/bob#main-key); some are documents of their own
    // (GoToSocial: …/users/bob/main-key) that name their owner.
    std::string document_url = key_id.substr(0, key_id.find('#'));
    try {
        std::string final_url;
        rapidjson::Document doc = fetch_document(ctx, document_url, &final_url);
        std::string type = doc.IsObject() && doc.HasMember("type") && doc["type"].IsString() ? doc["type"].GetString() : "";
        if (as2::is_actor_type(type)) {
            store_remote_actor(ctx, as2::parse_actor(doc), final_url);
        } else if (doc.IsObject() && doc.HasMember("owner") && doc["owner"].IsString()) {
            remote_actor(ctx, doc["owner"].GetString(), FetchMode::refresh);
        }
    } catch (const Error& e) {
        throw Error(Errc::unauthorized, "cannot fetch the signing key " + key_id + ": " + e.what());
    }
    if (auto found = lookup()) return *found;
    throw Error(Errc::unauthorized, "unknown signing key " + key_id);
}

namespace {

// The WebFinger JRD of "user@host" (or "@user@host"), with a "links" array. Throws core::Error: bad_request for a
// malformed handle, not_found when the host knows no such account, unavailable when it cannot be reached or
// fails, unprocessable when the answer is not a JRD.
rapidjson::Document fetch_jrd(Context& ctx, std::string_view handle, std::string& host) {
    if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
    auto at = handle.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == handle.size()) {
        throw Error(Errc::bad_request, "a handle looks like user@host");
    }
    host = core::to_lower_ascii(handle.substr(at + 1));
    std::string resource = "acct:" + std::string(handle);
    OutgoingRequest request;
    request.url = ctx.urls.scheme + "://" + host + "/.well-known/webfinger?resource=" + resource;
    request.set_header("Accept", "application/jrd+json, application/json");
    IncomingResponse response = transport_of(ctx).send(request);
    if (response.status == 404 || response.status == 410) throw Error(Errc::not_found, "no account " + resource);
    if (response.status != 200) {
        throw Error(Errc::unavailable, "WebFinger at " + host + " answered " + std::to_string(response.status));
    }
    rapidjson::Document jrd = core::parse_json(response.body, core::limits::kMaxJsonDepth, core::limits::kMaxFetchBytes);
    if (!jrd.IsObject() || !jrd.HasMember("links") || !jrd["links"].IsArray()) {
        throw Error(Errc::unprocessable, "WebFinger answer from " + host + " has no links");
    }
    return jrd;
}

}  // namespace

std::string remote_subscribe_template(Context& ctx, std::string_view handle) {
    std::string host;
    rapidjson::Document jrd = fetch_jrd(ctx, handle, host);
    for (const auto& link : jrd["links"].GetArray()) {
        if (!link.IsObject() || !link.HasMember("rel") || !link["rel"].IsString() || !link.HasMember("template") ||
            !link["template"].IsString() || std::string_view(link["rel"].GetString()) != kSubscribeRel) {
            continue;
        }
        std::string tmpl = link["template"].GetString();
        std::string lower = core::to_lower_ascii(tmpl);
        if ((lower.starts_with("https://") || lower.starts_with("http://")) && tmpl.find("{uri}") != std::string::npos &&
            tmpl.size() <= core::limits::kMaxUrlLength) {
            return tmpl;
        }
    }
    throw Error(Errc::not_found, host + " does not offer following from a link (no subscribe template)");
}

core::Account resolve_handle(Context& ctx, std::string_view handle) {
    std::string host;
    rapidjson::Document jrd = fetch_jrd(ctx, handle, host);
    for (const auto& link : jrd["links"].GetArray()) {
        if (!link.IsObject() || !link.HasMember("rel") || !link["rel"].IsString() || !link.HasMember("href") ||
            !link["href"].IsString() || std::string_view(link["rel"].GetString()) != "self") {
            continue;
        }
        std::string type = link.HasMember("type") && link["type"].IsString() ? link["type"].GetString() : "";
        if (type.find("activity+json") == std::string::npos && type.find("ld+json") == std::string::npos) continue;
        return remote_actor(ctx, link["href"].GetString());
    }
    throw Error(Errc::not_found, "WebFinger answer from " + host + " names no ActivityPub actor");
}

}  // namespace gesso::activitypub
