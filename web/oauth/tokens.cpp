#include "web/oauth/tokens.hpp"

#include "activitypub/signatures/encoding.hpp"
#include "core/error.hpp"
#include "core/random.hpp"
#include "storage/accounts.hpp"
#include "web/oauth/token_cache.hpp"

namespace gesso::web::oauth {

using core::Errc;
using core::Error;

namespace {
std::string base64url(std::string_view bytes) {
    std::string b = activitypub::base64_encode(bytes);
    for (char& c : b) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    while (!b.empty() && b.back() == '=') b.pop_back();
    return b;
}
}  // namespace

std::string new_secret() { return base64url(core::random_bytes(32)); }

std::string secret_hash(std::string_view secret) { return activitypub::base64_encode(activitypub::sha256(secret)); }

std::string pkce_s256(std::string_view verifier) { return base64url(activitypub::sha256(verifier)); }

IssuedToken issue_token(activitypub::Context& ctx, core::Id app_id, std::optional<core::Id> account_id,
                        const ScopeSet& scopes) {
    IssuedToken issued;
    issued.access_token = new_secret();
    if (account_id) issued.refresh_token = new_secret();
    issued.row.id = ctx.ids.next();
    issued.row.token_hash = secret_hash(issued.access_token);
    if (account_id) issued.row.refresh_hash = secret_hash(issued.refresh_token);
    issued.row.app_id = app_id;
    issued.row.account_id = account_id;
    issued.row.scopes = join_scopes(scopes);
    issued.row.created_at = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) { storage::insert_token(conn, issued.row); });
    return issued;
}

const std::string* bearer_token_hash(const Request& req) {
    std::string_view auth = req.header(http::field::authorization);
    if (auth.size() < 8 || !(auth.substr(0, 7) == "Bearer " || auth.substr(0, 7) == "bearer ")) return nullptr;
    if (!req.bearer_hash) req.bearer_hash = secret_hash(auth.substr(7));
    return &*req.bearer_hash;
}

std::optional<Caller> bearer_caller(activitypub::Context& ctx, const Request& req) {
    if (req.header(http::field::authorization).empty()) return std::nullopt;
    const std::string* token_hash = bearer_token_hash(req);
    if (!token_hash) throw Error(Errc::unauthorized, "The access token is invalid");
    const std::string& hash = *token_hash;
    std::uint64_t generation = ctx.db.write_generation();  // before reading: a write after it makes the entry stale
    if (auto cached = cached_caller(ctx.db, hash, generation)) return cached;
    auto found = ctx.db.read([&](storage::Connection& conn) -> std::optional<Caller> {
        auto token = storage::find_token(conn, hash);
        if (!token) return std::nullopt;
        Caller caller{*token, parse_scopes(token->scopes).value_or(ScopeSet{}), std::nullopt};
        if (token->account_id) {
            caller.account = storage::find_account(conn, *token->account_id);
            auto user = storage::find_user_by_account(conn, *token->account_id);
            if (!caller.account || caller.account->is_suspended() || !user || !user->approved) return std::nullopt;
        }
        return caller;
    });
    if (!found) throw Error(Errc::unauthorized, "The access token is invalid");
    cache_caller(ctx.db, hash, generation, *found);
    return found;
}

std::optional<Caller> cached_bearer_caller(const activitypub::Context& ctx, const Request& req) {
    const std::string* hash = bearer_token_hash(req);
    if (!hash) return std::nullopt;
    return cached_caller(ctx.db, *hash, ctx.db.write_generation());
}

Caller require_caller(activitypub::Context& ctx, const Request& req, std::string_view scope, bool app_ok) {
    auto caller = bearer_caller(ctx, req);
    if (!caller) throw Error(Errc::unauthorized, "The access token is invalid");
    if (!caller->account && !app_ok) throw Error(Errc::unprocessable, "This method requires an authenticated user");
    if (!covers(caller->scopes, scope)) throw Error(Errc::forbidden, "This action is outside the authorized scopes");
    return *caller;
}

}  // namespace gesso::web::oauth
