#include "activitypub/signatures/rfc9421.hpp"

#include <algorithm>

#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

namespace {

[[noreturn]] void malformed(const std::string& why) { throw core::Error(core::Errc::bad_request, why); }
[[noreturn]] void rejected(const std::string& why) {
    throw core::Error(core::Errc::unauthorized, "HTTP message signature rejected: " + why);
}

std::string required_header(const SignedRequest& request, const char* name) {
    std::optional<std::string> value = request.header(name);
    if (!value) rejected(std::string("no ") + name + " header");
    if (value->size() > signature_limits::kMaxSignatureHeaderBytes) malformed(std::string(name) + " header is too long");
    return std::move(*value);
}

// Fills the typed fields of `sig` from its Signature-Input member.
void read_covered(Rfc9421Signature& sig) {
    const std::string where = "Signature-Input " + sig.label + ": ";
    for (const auto& item : sig.covered.items) {
        const auto* name = std::get_if<std::string>(&item.value);
        if (!name) malformed(where + "a component identifier is not a string");
        sig.components.push_back(*name);
    }
    for (const auto& p : sig.covered.params) {
        auto integer = [&]() -> std::int64_t {
            if (const auto* n = std::get_if<std::int64_t>(&p.value)) return *n;
            malformed(where + p.key + " must be an integer");
        };
        auto string = [&]() -> std::string {
            if (const auto* s = std::get_if<std::string>(&p.value)) return *s;
            malformed(where + p.key + " must be a string");
        };
        if (p.key == "created") sig.created = integer();
        else if (p.key == "expires") sig.expires = integer();
        else if (p.key == "keyid") sig.key_id = string();
        else if (p.key == "alg") sig.alg = string();
        else if (p.key == "nonce" || p.key == "tag") string();  // covered by the base; no policy of ours
    }
    sig.signature_params = sf::serialize_inner_list(sig.covered);
}

std::string path_of(std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    return path.empty() ? "/" : std::string(path);
}

std::string query_of(std::string_view target) {
    std::size_t q = target.find('?');
    return q == std::string_view::npos ? "?" : std::string(target.substr(q));
}

std::string authority_of(const SignedRequest& request) {
    std::string authority = request.authority;
    if (authority.empty()) authority = request.header("host").value_or("");
    if (authority.empty()) rejected("the request has no authority (Host)");
    return normalize_authority(authority, core::to_lower_ascii(request.scheme));
}

// The value of one covered component (RFC 9421 §2.1, §2.2).
std::string component_value(const SignedRequest& request, const std::string& name) {
    std::string scheme = core::to_lower_ascii(request.scheme);
    if (name == "@method") return request.method;
    if (name == "@target-uri") return scheme + "://" + authority_of(request) + request.target;
    if (name == "@authority") return authority_of(request);
    if (name == "@scheme") return scheme;
    if (name == "@request-target") return request.target;
    if (name == "@path") return path_of(request.target);
    if (name == "@query") return query_of(request.target);
    if (!name.empty() && name[0] == '@') rejected("unsupported derived component " + name);
    if (name.empty() || core::to_lower_ascii(name) != name) malformed("covered header name '" + name + "' is not lowercase");
    std::optional<std::string> value = request.header(name);
    if (!value) rejected("covered header '" + name + "' is missing from the request");
    return std::move(*value);
}

bool covers(const Rfc9421Signature& sig, std::string_view name) {
    return std::find(sig.components.begin(), sig.components.end(), name) != sig.components.end();
}

std::int64_t unix_seconds(core::TimePoint t) {
    return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::vector<Rfc9421Signature> parse_rfc9421_signatures(const SignedRequest& request) {
    sf::Dictionary inputs = sf::parse_dictionary(required_header(request, "signature-input"), "Signature-Input");
    sf::Dictionary values = sf::parse_dictionary(required_header(request, "signature"), "Signature");
    std::vector<Rfc9421Signature> out;
    for (auto& input : inputs) {
        auto* list = std::get_if<sf::InnerList>(&input.value);
        if (!list) malformed("Signature-Input " + input.key + " is not an inner list");
        auto value = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.key == input.key; });
        if (value == values.end()) continue;  // another party's signature we cannot check; skip it
        const auto* item = std::get_if<sf::Item>(&value->value);
        const auto* bytes = item ? std::get_if<sf::ByteSequence>(&item->value) : nullptr;
        if (!bytes || bytes->bytes.empty()) malformed("Signature " + input.key + " is not a byte sequence");
        Rfc9421Signature sig;
        sig.label = input.key;
        sig.covered = std::move(*list);
        sig.signature = bytes->bytes;
        read_covered(sig);
        out.push_back(std::move(sig));
    }
    if (out.empty()) rejected("no label appears in both Signature-Input and Signature");
    return out;
}

std::string rfc9421_signature_base(const SignedRequest& request, const Rfc9421Signature& signature) {
    std::string base;
    std::vector<std::string> seen;
    for (const auto& item : signature.covered.items) {
        const auto* name = std::get_if<std::string>(&item.value);
        if (!name) malformed("a component identifier is not a string");
        if (!item.params.empty()) rejected("component parameters are not supported (" + sf::serialize_item(item) + ")");
        if (std::find(seen.begin(), seen.end(), *name) != seen.end()) malformed("component " + *name + " is covered twice");
        seen.push_back(*name);
        std::string value = component_value(request, *name);
        if (value.find_first_of("\r\n") != std::string::npos) rejected("component " + *name + " contains a line break");
        base += sf::serialize_item(item) + ": " + value + "\n";
    }
    return base + "\"@signature-params\": " + signature.signature_params;
}

void verify_rfc9421_signature_value(const SignedRequest& request, const Rfc9421Signature& signature,
                                    const std::string& public_pem, std::optional<SignatureAlgorithm> key_algorithm) {
    SignatureAlgorithm algorithm{};
    if (signature.alg.empty()) {
        algorithm = key_algorithm ? *key_algorithm : algorithm_for_key(public_key_type(public_pem));
    } else if (signature.alg == "rsa-v1_5-sha256") {
        algorithm = SignatureAlgorithm::rsa_v1_5_sha256;
    } else if (signature.alg == "rsa-pss-sha512") {
        algorithm = SignatureAlgorithm::rsa_pss_sha512;
    } else if (signature.alg == "ed25519") {
        algorithm = SignatureAlgorithm::ed25519;
    } else {
        rejected("unsupported alg '" + signature.alg + "'");
    }
    if (key_algorithm && *key_algorithm != algorithm) rejected("alg does not match the algorithm of the key");
    if (!verify_message(algorithm, public_pem, rfc9421_signature_base(request, signature), signature.signature)) {
        rejected("signature " + signature.label + " does not verify with the signer's key");
    }
}

void verify_rfc9421(const SignedRequest& request, const Rfc9421Signature& signature, const std::string& public_pem,
                    core::TimePoint now, std::chrono::seconds max_skew, std::optional<SignatureAlgorithm> key_algorithm) {
    if (!covers(signature, "@method")) rejected("@method is not covered");
    bool target_covered = covers(signature, "@target-uri") ||
                          (covers(signature, "@authority") &&
                           (covers(signature, "@path") || covers(signature, "@request-target")));
    if (!target_covered) rejected("the target is not covered (@target-uri, or @authority with @path)");
    std::optional<std::string> content_digest = request.header("content-digest");
    if (!request.body.empty() && !covers(signature, "content-digest")) {
        rejected("the body is not covered: content-digest is not signed");
    }

    std::int64_t now_s = unix_seconds(now), skew = max_skew.count();
    if (signature.created) {
        if (*signature.created < now_s - skew) rejected("created is too old");
        if (*signature.created > now_s + skew) rejected("created is in the future");
    } else if (!covers(signature, "date")) {
        rejected("the signature has no creation time (created parameter or covered date)");
    }
    if (covers(signature, "date")) {
        std::optional<std::string> date = request.header("date");
        if (!date) rejected("covered header 'date' is missing from the request");
        std::optional<core::TimePoint> sent = parse_http_date(*date);
        if (!sent) malformed("Date header is not an HTTP date (IMF-fixdate)");
        if (unix_seconds(*sent) < now_s - skew) rejected("Date is too old");
        if (unix_seconds(*sent) > now_s + skew) rejected("Date is in the future");
    }
    if (signature.expires && *signature.expires < now_s) rejected("the signature has expired");

    if (!request.body.empty() || content_digest) {
        if (!content_digest) rejected("covered header 'content-digest' is missing from the request");
        check_content_digest_header(*content_digest, request.body);
    }
    verify_rfc9421_signature_value(request, signature, public_pem, key_algorithm);
}

void verify_rfc9421(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                    std::chrono::seconds max_skew) {
    verify_rfc9421(request, parse_rfc9421_signatures(request).front(), public_pem, now, max_skew);
}

void sign_rfc9421(OutgoingRequest& request, const std::string& key_id, const std::string& private_pem,
                  core::TimePoint now) {
    UrlParts url = split_url(request.url);
    request.set_header("Host", url.authority);
    request.set_header("Date", core::format_http_date(now));
    std::vector<std::string> components = {"@method", "@target-uri", "@authority", "host", "date"};
    if (!request.body.empty() || core::iequals_ascii(request.method, "POST")) {
        request.set_header("Content-Digest", content_digest_header(request.body));
        components.push_back("content-digest");
    }
    KeyType type = private_key_type(private_pem);
    SignatureAlgorithm algorithm = type == KeyType::ed25519 ? SignatureAlgorithm::ed25519
                                                            : SignatureAlgorithm::rsa_v1_5_sha256;
    Rfc9421Signature sig;
    sig.label = "sig1";
    for (const auto& c : components) sig.covered.items.push_back(sf::Item{c, {}});
    sig.covered.params = {
        {"alg", std::string(type == KeyType::ed25519 ? "ed25519" : "rsa-v1_5-sha256")},
        {"keyid", key_id},
        {"created", unix_seconds(now)},
    };
    sig.signature_params = sf::serialize_inner_list(sig.covered);  // throws internal for a bad key id
    SignedRequest view{request.method, url.target, url.authority, url.scheme, request.headers, request.body};
    std::string signature = sign_message(algorithm, private_pem, rfc9421_signature_base(view, sig));
    request.set_header("Signature-Input", sig.label + "=" + sig.signature_params);
    request.set_header("Signature", sig.label + "=" + sf::serialize_bare_item(sf::ByteSequence{signature}));
}

}  // namespace gesso::activitypub
