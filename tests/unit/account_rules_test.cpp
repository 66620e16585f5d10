// activitypub/accounts validation, password hashing (Argon2id) and actor key generation.
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

#include "activitypub/accounts.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/password.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub {
namespace {

using core::Errc;
namespace limits = core::limits;

// The code of the core::Error each validator throws, or nullopt if it accepts.
std::optional<Errc> username_rejection(std::string_view name) {
    return test::error_of([&] { validate_username(name); });
}
std::optional<Errc> email_rejection(std::string_view email) {
    return test::error_of([&] { validate_email(email); });
}
std::optional<Errc> password_rejection(std::string_view password) {
    return test::error_of([&] { validate_password(password); });
}

// --- usernames ---

TEST(UsernameRules, AcceptsLettersDigitsAndUnderscores) {
    EXPECT_EQ(username_rejection("alice"), std::nullopt);
    EXPECT_EQ(username_rejection("Alice_B0b"), std::nullopt);
    EXPECT_EQ(username_rejection("_"), std::nullopt);
    EXPECT_EQ(username_rejection("a"), std::nullopt);
    EXPECT_EQ(username_rejection("0123456789"), std::nullopt);
}

TEST(UsernameRules, LengthIsOneToTheLimit) {
    EXPECT_EQ(username_rejection(""), Errc::unprocessable);
    EXPECT_EQ(username_rejection(std::string(limits::kMaxUsernameLength, 'a')), std::nullopt);
    EXPECT_EQ(username_rejection(std::string(limits::kMaxUsernameLength + 1, 'a')), Errc::unprocessable);
    EXPECT_EQ(limits::kMaxUsernameLength, 30u);  // Mastodon's limit; peers truncate or refuse beyond it
}

TEST(UsernameRules, RefusesEveryOtherCharacter) {
    for (const std::string& bad : std::initializer_list<std::string>{"al-ice", "al.ice", "al ice", "alice@x", "al/ice", "al%41", "al:ice", "al\nice",
                            "caf\xC3\xA9", "\xD0\xB0lice" /* Cyrillic a */, std::string("al\0ice", 6)}) {
        EXPECT_EQ(username_rejection(bad), Errc::unprocessable) << "accepted '" << bad << "'";
    }
}

TEST(UsernameRules, ReservedNamesInAnyCase) {
    for (const char* name : {"root", "ROOT", "Postmaster", "abuse", "security", "webmaster", "support",
                             "instance_actor", "gesso", "Gesso", "noreply", "no_reply"}) {
        EXPECT_EQ(username_rejection(name), Errc::unprocessable) << "accepted reserved '" << name << "'";
    }
    // Names that merely contain a reserved word are fine.
    EXPECT_EQ(username_rejection("rooted"), std::nullopt);
    EXPECT_EQ(username_rejection("gesso_fan"), std::nullopt);
}

TEST(UsernameRules, TheFirstRunAdminNameIsAllowed) {
    // `gesso serve` creates "admin" on first run, so it must pass validation.
    EXPECT_EQ(username_rejection("admin"), std::nullopt);
}

TEST(UsernameRules, MessageSaysWhatIsWrong) {
    try {
        validate_username(std::string(31, 'x'));
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("30"), std::string::npos) << e.what();
    }
    try {
        validate_username("Root");
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("reserved"), std::string::npos) << e.what();
    }
}

// --- e-mail ---

TEST(EmailRules, AcceptsOrdinaryAddresses) {
    EXPECT_EQ(email_rejection("alice@example.test"), std::nullopt);
    EXPECT_EQ(email_rejection("a@b"), std::nullopt);
    EXPECT_EQ(email_rejection("first.last+tag@sub.example.org"), std::nullopt);
}

TEST(EmailRules, RefusesAddressesWithoutExactlyOneInnerAt) {
    for (const char* bad : {"", "alice", "@example.test", "alice@", "a@b@c", "@"}) {
        EXPECT_EQ(email_rejection(bad), Errc::unprocessable) << "accepted '" << bad << "'";
    }
}

TEST(EmailRules, RefusesWhitespaceAndMarkup) {
    for (const char* bad : {"al ice@x.test", "alice@x.test\n", "\talice@x.test", "<alice@x.test>",
                            "\"alice\"@x.test", "alice@x\r.test"}) {
        EXPECT_EQ(email_rejection(bad), Errc::unprocessable) << "accepted '" << bad << "'";
    }
}

TEST(EmailRules, LengthLimit) {
    ASSERT_EQ(limits::kMaxEmailLength, 254u);  // RFC 5321 path limit
    std::string domain = "@example.test";
    EXPECT_EQ(email_rejection(std::string(254 - domain.size(), 'a') + domain), std::nullopt);
    EXPECT_EQ(email_rejection(std::string(255 - domain.size(), 'a') + domain), Errc::unprocessable);
}

// --- passwords ---

TEST(PasswordRules, LengthBounds) {
    EXPECT_EQ(password_rejection(""), Errc::unprocessable);
    EXPECT_EQ(password_rejection(std::string(limits::kMinPasswordLength - 1, 'p')), Errc::unprocessable);
    EXPECT_EQ(password_rejection(std::string(limits::kMinPasswordLength, 'p')), std::nullopt);
    EXPECT_EQ(password_rejection(std::string(limits::kMaxPasswordLength, 'p')), std::nullopt);
    EXPECT_EQ(password_rejection(std::string(limits::kMaxPasswordLength + 1, 'p')), Errc::unprocessable);
    EXPECT_EQ(limits::kMinPasswordLength, 8u);
    EXPECT_EQ(limits::kMaxPasswordLength, 256u);
}

TEST(PasswordRules, AnyBytesCountAsCharacters) {
    EXPECT_EQ(password_rejection("        "), std::nullopt);  // eight spaces: long enough, nothing else checked
    EXPECT_EQ(password_rejection("p\xC3\xA4ssw\xC3\xB6rd"), std::nullopt);
}

class PasswordHashing : public ::testing::Test {
protected:
    static void SetUpTestSuite() { hash_ = new std::string(hash_password("correct horse battery")); }
    static void TearDownTestSuite() {
        delete hash_;
        hash_ = nullptr;
    }
    static const std::string& hash() { return *hash_; }

private:
    static std::string* hash_;
};
std::string* PasswordHashing::hash_ = nullptr;

TEST_F(PasswordHashing, IsSelfDescribingArgon2id) {
    EXPECT_EQ(hash().rfind("$argon2id$", 0), 0u) << hash();
    EXPECT_EQ(hash().find("correct horse"), std::string::npos);
}

TEST_F(PasswordHashing, TheRightPasswordVerifies) { EXPECT_TRUE(verify_password("correct horse battery", hash())); }

TEST_F(PasswordHashing, WrongPasswordsDoNot) {
    EXPECT_FALSE(verify_password("correct horse batterY", hash()));
    EXPECT_FALSE(verify_password("correct horse battery ", hash()));
    EXPECT_FALSE(verify_password("correct horse batter", hash()));
    EXPECT_FALSE(verify_password("", hash()));
}

TEST_F(PasswordHashing, SaltMakesEveryHashDifferent) {
    std::string again = hash_password("correct horse battery");
    EXPECT_NE(again, hash());
    EXPECT_TRUE(verify_password("correct horse battery", again));
}

TEST_F(PasswordHashing, MalformedHashesNeverVerify) {
    EXPECT_FALSE(verify_password("correct horse battery", ""));
    EXPECT_FALSE(verify_password("correct horse battery", "not a hash"));
    EXPECT_FALSE(verify_password("correct horse battery", "$argon2id$"));
    EXPECT_FALSE(verify_password("correct horse battery", hash().substr(0, hash().size() - 5)));
    std::string tampered = hash();
    char& c = tampered[tampered.size() - 10];  // inside the base64 digest
    c = c == 'A' ? 'B' : 'A';
    EXPECT_FALSE(verify_password("correct horse battery", tampered));
    // The plain password itself stored by mistake is not a hash of it.
    EXPECT_FALSE(verify_password("correct horse battery", "correct horse battery"));
}

TEST_F(PasswordHashing, EmbeddedNulIsPartOfThePassword) {
    std::string with_nul("abc\0defgh", 9);
    std::string h = hash_password(with_nul);
    EXPECT_TRUE(verify_password(with_nul, h));
    EXPECT_FALSE(verify_password("abc", h));
}

// --- keys ---

struct FreeKey {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, FreeKey>;

KeyPtr read_public(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return KeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

KeyPtr read_private(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

// Signs `message` with the private key and verifies with the public one, through OpenSSL directly.
bool sign_and_verify(const PemKeyPair& pair, const std::string& message) {
    KeyPtr priv = read_private(pair.private_pem);
    KeyPtr pub = read_public(pair.public_pem);
    if (!priv || !pub) return false;
    const bool is_ed = EVP_PKEY_get_base_id(priv.get()) == EVP_PKEY_ED25519;
    const EVP_MD* md = is_ed ? nullptr : EVP_sha256();
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t len = 0;
    if (EVP_DigestSignInit(sctx.get(), nullptr, md, nullptr, priv.get()) != 1) return false;
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    if (EVP_DigestSign(sctx.get(), nullptr, &len, data, message.size()) != 1) return false;
    std::string sig(len, '\0');
    if (EVP_DigestSign(sctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, message.size()) != 1) {
        return false;
    }
    sig.resize(len);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> vctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (EVP_DigestVerifyInit(vctx.get(), nullptr, md, nullptr, pub.get()) != 1) return false;
    return EVP_DigestVerify(vctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(), data,
                            message.size()) == 1;
}

bool has_pem_block(const std::string& pem, const std::string& label) {
    return pem.rfind("-----BEGIN " + label + "-----\n", 0) == 0 &&
           pem.find("-----END " + label + "-----") != std::string::npos;
}

class GeneratedKeys : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        rsa_ = new PemKeyPair(generate_rsa_key());
        ed_ = new PemKeyPair(generate_ed25519_key());
    }
    static void TearDownTestSuite() {
        delete rsa_;
        delete ed_;
    }
    static const PemKeyPair& rsa() { return *rsa_; }
    static const PemKeyPair& ed() { return *ed_; }

private:
    static PemKeyPair* rsa_;
    static PemKeyPair* ed_;
};
PemKeyPair* GeneratedKeys::rsa_ = nullptr;
PemKeyPair* GeneratedKeys::ed_ = nullptr;

TEST_F(GeneratedKeys, RsaIs2048BitsInSpkiAndPkcs8Pem) {
    EXPECT_EQ(rsa_public_key_bits(rsa().public_pem), 2048);
    // SubjectPublicKeyInfo and PKCS#8, not the PKCS#1 "RSA PUBLIC KEY"/"RSA PRIVATE KEY" forms.
    EXPECT_TRUE(has_pem_block(rsa().public_pem, "PUBLIC KEY")) << rsa().public_pem;
    EXPECT_TRUE(has_pem_block(rsa().private_pem, "PRIVATE KEY")) << rsa().private_pem.substr(0, 40);
    KeyPtr pub = read_public(rsa().public_pem);
    ASSERT_TRUE(pub);
    EXPECT_EQ(EVP_PKEY_get_base_id(pub.get()), EVP_PKEY_RSA);
}

TEST_F(GeneratedKeys, RsaPrivateAndPublicHalvesBelongTogether) {
    EXPECT_TRUE(sign_and_verify(rsa(), "(request-target): post /inbox"));
}

TEST_F(GeneratedKeys, Ed25519InSpkiAndPkcs8PemAndNotRsa) {
    EXPECT_TRUE(has_pem_block(ed().public_pem, "PUBLIC KEY")) << ed().public_pem;
    EXPECT_TRUE(has_pem_block(ed().private_pem, "PRIVATE KEY"));
    EXPECT_EQ(rsa_public_key_bits(ed().public_pem), 0);
    KeyPtr pub = read_public(ed().public_pem);
    ASSERT_TRUE(pub);
    EXPECT_EQ(EVP_PKEY_get_base_id(pub.get()), EVP_PKEY_ED25519);
    EXPECT_TRUE(sign_and_verify(ed(), "integrity proof"));
}

TEST_F(GeneratedKeys, EveryCallMakesANewKey) {
    PemKeyPair other = generate_ed25519_key();
    EXPECT_NE(other.public_pem, ed().public_pem);
    EXPECT_NE(other.private_pem, ed().private_pem);
    // Halves of different pairs do not verify each other.
    EXPECT_FALSE(sign_and_verify({ed().public_pem, other.private_pem}, "x"));
}

TEST_F(GeneratedKeys, BitsOfUnreadableInputIsZero) {
    EXPECT_EQ(rsa_public_key_bits(""), 0);
    EXPECT_EQ(rsa_public_key_bits("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), 0);
    EXPECT_EQ(rsa_public_key_bits(rsa().private_pem), 0);  // a private key is not a public PEM
    std::string truncated = rsa().public_pem.substr(0, rsa().public_pem.size() / 2);
    EXPECT_EQ(rsa_public_key_bits(truncated), 0);
}

}  // namespace
}  // namespace gesso::activitypub
