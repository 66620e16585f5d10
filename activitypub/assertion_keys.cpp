#include "activitypub/assertion_keys.hpp"

#include "activitypub/keys.hpp"
#include "storage/accounts.hpp"

namespace gesso::activitypub {

std::string ed25519_key_id(const core::Account& local) { return local.uri + "#ed25519-key"; }

core::KeyPair ensure_ed25519_key(Context& ctx, storage::Connection& conn, const core::Account& local) {
    for (auto& key : storage::find_keys(conn, local.id)) {
        if (key.type == core::KeyType::ed25519 && !key.private_pem.empty()) return key;
    }
    // Ed25519 generation takes microseconds: fine inside the write transaction.
    PemKeyPair pem = generate_ed25519_key();
    core::KeyPair key{ctx.ids.next(),        local.id,       core::KeyType::ed25519,
                      ed25519_key_id(local), pem.public_pem, pem.private_pem};
    storage::insert_key(conn, key);
    return key;
}

int backfill_ed25519_keys(Context& ctx) {
    return ctx.db.write([&](storage::Connection& conn) {
        int created = 0;
        for (const auto& account : storage::local_accounts_without_private_key(conn, core::KeyType::ed25519)) {
            ensure_ed25519_key(ctx, conn, account);
            ++created;
        }
        return created;
    });
}

}  // namespace gesso::activitypub
