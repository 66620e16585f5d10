#include "activitypub/signatures/cavage.hpp"

#include <algorithm>
#include <charconv>

#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

namespace {

[[noreturn]] void malformed(const std::string& why) {
    throw core::Error(core::Errc::bad_request, "Signature header is malformed: " + why);
}
[[noreturn]] void rejected(const std::string& why) {
    throw core::Error(core::Errc::unauthorized, "HTTP signature rejected: " + why);
}

struct RawParameter {
    std::string name;  // lowercased
    std::string value;
    bool quoted = false;
};

// Splits `name="value", name=123, ...` honouring quoted-string escapes, so commas inside quotes stay data.
std::vector<RawParameter> split_parameters(std::string_view in) {
    std::vector<RawParameter> params;
    std::size_t pos = 0;
    auto skip_ws = [&] {
        while (pos < in.size() && (in[pos] == ' ' || in[pos] == '\t')) ++pos;
    };
    for (;;) {
        skip_ws();
        if (pos >= in.size()) break;
        std::size_t eq = in.find('=', pos);
        if (eq == std::string_view::npos) malformed("expected name=value");
        RawParameter p;
        p.name = core::to_lower_ascii(core::trim(in.substr(pos, eq - pos)));
        if (p.name.empty() || p.name.find_first_of(" \t,\"") != std::string::npos) malformed("bad parameter name");
        pos = eq + 1;
        skip_ws();
        if (pos < in.size() && in[pos] == '"') {
            p.quoted = true;
            for (++pos;; ++pos) {
                if (pos >= in.size()) malformed("unterminated quoted value for " + p.name);
                if (in[pos] == '"') break;
                if (in[pos] == '\\' && ++pos >= in.size()) malformed("unterminated quoted value for " + p.name);
                p.value.push_back(in[pos]);
            }
            ++pos;
        } else {
            std::size_t end = in.find(',', pos);
            p.value = std::string(core::trim(in.substr(pos, end == std::string_view::npos ? end : end - pos)));
            pos = end == std::string_view::npos ? in.size() : end;
        }
        params.push_back(std::move(p));
        skip_ws();
        if (pos >= in.size()) break;
        if (in[pos] != ',') malformed("expected ',' after the value of " + params.back().name);
        ++pos;
    }
    return params;
}

std::int64_t parse_integer(const std::string& text, const char* name) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
        malformed(std::string(name) + " is not an integer");
    }
    return n;
}

std::string lower_method(std::string_view method) { return core::to_lower_ascii(method); }

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::int64_t unix_seconds(core::TimePoint t) {
    return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

CavageSignature parse_cavage_signature(std::string_view value) {
    if (value.size() > signature_limits::kMaxSignatureHeaderBytes) malformed("too long");
    CavageSignature sig;
    bool have_key = false, have_signature = false, have_algorithm = false, have_headers = false;
    for (auto& p : split_parameters(value)) {
        auto once = [&](bool& seen) {
            if (seen) malformed("parameter " + p.name + " appears twice");
            seen = true;
        };
        if (p.name == "keyid") {
            once(have_key);
            sig.key_id = std::move(p.value);
        } else if (p.name == "signature") {
            once(have_signature);
            auto bytes = base64_decode(p.value);
            if (!bytes || bytes->empty()) malformed("signature is not base64");
            sig.signature = std::move(*bytes);
        } else if (p.name == "algorithm") {
            once(have_algorithm);
            sig.algorithm = core::to_lower_ascii(p.value);
        } else if (p.name == "headers") {
            once(have_headers);
            std::string list = core::to_lower_ascii(p.value);
            std::size_t pos = 0;
            while (pos < list.size()) {
                std::size_t space = list.find(' ', pos);
                std::string name = list.substr(pos, space == std::string::npos ? space : space - pos);
                if (!name.empty()) sig.headers.push_back(std::move(name));
                pos = space == std::string::npos ? list.size() : space + 1;
            }
            if (sig.headers.empty()) malformed("headers is empty");
            if (sig.headers.size() > signature_limits::kMaxCoveredComponents) malformed("too many signed headers");
        } else if (p.name == "created") {
            if (sig.created) malformed("parameter created appears twice");
            sig.created = parse_integer(p.value, "created");
        } else if (p.name == "expires") {
            if (sig.expires) malformed("parameter expires appears twice");
            sig.expires = parse_integer(p.value, "expires");
        }  // other parameters are ignored (draft-cavage-12 §2.2)
    }
    if (!have_key || sig.key_id.empty()) malformed("keyId is missing");
    if (!have_signature) malformed("signature is missing");
    // Appendix C.1 and Mastodon: without a headers parameter only Date is signed.
    if (!have_headers) sig.headers = {"date"};
    return sig;
}

std::string cavage_signing_string(const SignedRequest& request, const CavageSignature& signature) {
    std::string out;
    for (const auto& name : signature.headers) {
        std::string value;
        if (name == "(request-target)") {
            value = lower_method(request.method) + " " + request.target;
        } else if (name == "(created)" || name == "(expires)") {
            const auto& field = name == "(created)" ? signature.created : signature.expires;
            if (!field) rejected(name + " is signed but the parameter is missing");
            value = std::to_string(*field);
        } else if (auto header = request.header(name)) {
            value = std::move(*header);
        } else if (name == "host" && !request.authority.empty()) {
            value = request.authority;
        } else {
            rejected("signed header '" + name + "' is missing from the request");
        }
        if (value.find_first_of("\r\n") != std::string::npos) rejected("signed header '" + name + "' contains a line break");
        if (!out.empty()) out += '\n';
        out += name + ": " + value;
    }
    return out;
}

void verify_cavage_signature_value(const SignedRequest& request, const CavageSignature& signature,
                                   const std::string& public_pem) {
    SignatureAlgorithm algorithm{};
    if (signature.algorithm == "rsa-sha256") {
        algorithm = SignatureAlgorithm::rsa_v1_5_sha256;
    } else if (signature.algorithm == "hs2019" || signature.algorithm.empty()) {
        algorithm = algorithm_for_key(public_key_type(public_pem));
    } else {
        rejected("unsupported algorithm '" + signature.algorithm + "' (rsa-sha256 or hs2019 expected)");
    }
    std::string signing_string = cavage_signing_string(request, signature);
    if (verify_message(algorithm, public_pem, signing_string, signature.signature)) return;
    // Fedify (and Mastodon before 4.2) sign (request-target) without the query string; Mastodon accepts both.
    if (auto query = request.target.find('?'); query != std::string::npos) {
        SignedRequest path_only = request;
        path_only.target.resize(query);
        if (verify_message(algorithm, public_pem, cavage_signing_string(path_only, signature), signature.signature)) return;
    }
    rejected("signature does not verify with the signer's key");
}

void verify_cavage(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                   std::chrono::seconds max_skew) {
    std::optional<std::string> header = request.header("signature");
    if (!header) rejected("no Signature header");
    CavageSignature sig = parse_cavage_signature(*header);

    if (!contains(sig.headers, "(request-target)")) rejected("(request-target) is not signed");
    bool date_signed = contains(sig.headers, "date");
    if (!date_signed && !contains(sig.headers, "(created)")) rejected("neither date nor (created) is signed");
    std::optional<std::string> digest = request.header("digest");
    if (!request.body.empty() && !contains(sig.headers, "digest")) rejected("the body is not covered: digest is not signed");
    // Without host, a POST signed for another server's inbox at the same path could be replayed to us. Every
    // implementation we federate with signs it (Misskey requires it too).
    if (!request.body.empty() && !contains(sig.headers, "host")) rejected("host is not signed");

    std::int64_t now_s = unix_seconds(now), skew = max_skew.count();
    if (date_signed) {
        std::optional<std::string> date = request.header("date");
        if (!date) rejected("signed header 'date' is missing from the request");
        std::optional<core::TimePoint> sent = parse_http_date(*date);
        if (!sent) throw core::Error(core::Errc::bad_request, "Date header is not an HTTP date (IMF-fixdate)");
        std::int64_t sent_s = unix_seconds(*sent);
        if (sent_s < now_s - skew) rejected("Date is too old");
        if (sent_s > now_s + skew) rejected("Date is in the future");
    }
    if (sig.created) {
        if (*sig.created < now_s - skew) rejected("created is too old");
        if (*sig.created > now_s + skew) rejected("created is in the future");
    }
    if (sig.expires && *sig.expires < now_s) rejected("the signature has expired");

    if (!request.body.empty() || digest) {
        if (!digest) rejected("signed header 'digest' is missing from the request");
        check_digest_header(*digest, request.body);
    }
    verify_cavage_signature_value(request, sig, public_pem);
}

void sign_cavage(OutgoingRequest& request, const std::string& key_id, const std::string& private_pem,
                 core::TimePoint now) {
    if (key_id.find_first_of("\"\\") != std::string::npos) {
        throw core::Error(core::Errc::internal, "internal error", "key id contains a quote or backslash");
    }
    UrlParts url = split_url(request.url);
    request.set_header("Host", url.authority);
    request.set_header("Date", core::format_http_date(now));
    std::string headers = "(request-target) host date";
    if (!request.body.empty() || core::iequals_ascii(request.method, "POST")) {
        request.set_header("Digest", digest_header(request.body));
        headers += " digest";
        if (request.header("Content-Type")) headers += " content-type";
    } else if (request.header("Accept")) {
        headers += " accept";
    }
    KeyType type = private_key_type(private_pem);
    SignatureAlgorithm algorithm = type == KeyType::ed25519 ? SignatureAlgorithm::ed25519
                                                            : SignatureAlgorithm::rsa_v1_5_sha256;
    CavageSignature sig;
    sig.key_id = key_id;
    sig.algorithm = type == KeyType::ed25519 ? "hs2019" : "rsa-sha256";
    for (std::size_t pos = 0; pos <= headers.size();) {
        std::size_t space = headers.find(' ', pos);
        sig.headers.push_back(headers.substr(pos, space == std::string::npos ? space : space - pos));
        pos = space == std::string::npos ? headers.size() + 1 : space + 1;
    }
    SignedRequest view{request.method, url.target, url.authority, url.scheme, request.headers, request.body};
    std::string signature = sign_message(algorithm, private_pem, cavage_signing_string(view, sig));
    request.set_header("Signature", "keyId=\"" + key_id + "\",algorithm=\"" + sig.algorithm + "\",headers=\"" +
                                        headers + "\",signature=\"" + base64_encode(signature) + "\"");
}

}  // namespace gesso::activitypub
