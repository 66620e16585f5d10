#include "activitypub/signatures/object_proof.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/jcs.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"

namespace gesso::activitypub {

namespace {

constexpr const char* kProofType = "DataIntegrityProof";
constexpr const char* kCryptosuite = "eddsa-jcs-2022";
constexpr const char* kProofPurpose = "assertionMethod";
constexpr std::size_t kEd25519SignatureBytes = 64;

[[noreturn]] void rejected(const std::string& why) {
    throw core::Error(core::Errc::unauthorized, "object integrity proof rejected: " + why);
}
[[noreturn]] void malformed(const std::string& why) {
    throw core::Error(core::Errc::bad_request, "object integrity proof is malformed: " + why);
}

// SHA-256(JCS(config)) || SHA-256(JCS(document)): the bytes eddsa-jcs-2022 signs (vc-di-eddsa §3.3.4).
std::string hash_data(const rapidjson::Value& config, const rapidjson::Value& document) {
    return sha256(jcs_canonicalize(config)) + sha256(jcs_canonicalize(document));
}

std::string string_member(const rapidjson::Value& object, const char* name) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd()) malformed(std::string(name) + " is missing");
    if (!it->value.IsString()) malformed(std::string(name) + " is not a string");
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

// The single proof object of `activity`.
const rapidjson::Value& proof_of(const rapidjson::Value& activity) {
    if (!activity.IsObject()) malformed("the document is not a JSON object");
    auto it = activity.FindMember("proof");
    if (it == activity.MemberEnd()) rejected("the object has no proof");
    if (it->value.IsArray()) rejected("several proofs in one object are not supported");
    if (!it->value.IsObject()) malformed("proof is not an object");
    return it->value;
}

// An XML Schema dateTime with a zone ("2023-02-24T23:36:38Z", optional fraction, "Z" or "+hh:mm"), to the
// second; nullopt for anything else.
std::optional<core::TimePoint> parse_datetime(std::string_view s) {
    auto number = [&](std::size_t at, std::size_t width) -> int {
        if (at + width > s.size()) return -1;
        int n = 0;
        for (std::size_t i = at; i < at + width; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            n = n * 10 + (s[i] - '0');
        }
        return n;
    };
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
    int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
        second > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (s[pos] == '.') {
        std::size_t digits = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == digits) return std::nullopt;
    }
    std::chrono::minutes offset{0};
    if (pos < s.size() && s[pos] == 'Z' && pos + 1 == s.size()) {
        // UTC
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
        int h = number(pos + 1, 2), m = number(pos + 4, 2);
        if (h < 0 || h > 14 || m < 0 || m > 59) return std::nullopt;
        offset = std::chrono::minutes(h * 60 + m) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                     std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    return core::TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) - offset;
}

// The proof's date `name` if present; bad_request if it is not a dateTime.
std::optional<core::TimePoint> proof_date(const rapidjson::Value& proof, const char* name) {
    auto it = proof.FindMember(name);
    if (it == proof.MemberEnd()) return std::nullopt;
    std::optional<core::TimePoint> t;
    if (it->value.IsString()) t = parse_datetime({it->value.GetString(), it->value.GetStringLength()});
    if (!t) malformed(std::string(name) + " is not a dateTime");
    return t;
}

// A JSON-LD @context as a list of its entries (a single entry stands for a one-element list).
std::vector<const rapidjson::Value*> context_entries(const rapidjson::Value& context) {
    std::vector<const rapidjson::Value*> entries;
    if (context.IsArray()) {
        for (const auto& entry : context.GetArray()) entries.push_back(&entry);
    } else {
        entries.push_back(&context);
    }
    return entries;
}

}  // namespace

void add_proof(rapidjson::Document& activity, const std::string& verification_method,
               const std::string& ed25519_private_pem, core::TimePoint created) {
    if (!activity.IsObject()) throw core::Error(core::Errc::internal, "internal error", "activity is not an object");
    if (activity.HasMember("proof")) throw core::Error(core::Errc::internal, "internal error", "activity has a proof");
    auto& alloc = activity.GetAllocator();
    rapidjson::Value proof(rapidjson::kObjectType);
    // vc-di-eddsa §3.3.5: the proof configuration carries the document's @context; FEP-8b32's test vector
    // shows it in the emitted proof too.
    if (auto context = activity.FindMember("@context"); context != activity.MemberEnd()) {
        proof.AddMember("@context", rapidjson::Value(context->value, alloc), alloc);
    }
    proof.AddMember("type", rapidjson::StringRef(kProofType), alloc);
    proof.AddMember("cryptosuite", rapidjson::StringRef(kCryptosuite), alloc);
    proof.AddMember("verificationMethod", rapidjson::Value(verification_method.c_str(), alloc), alloc);
    proof.AddMember("proofPurpose", rapidjson::StringRef(kProofPurpose), alloc);
    proof.AddMember("created", rapidjson::Value(core::format_iso8601_seconds(created).c_str(), alloc), alloc);
    std::string signature = sign_message(SignatureAlgorithm::ed25519, ed25519_private_pem, hash_data(proof, activity));
    std::string proof_value(1, 'z');
    proof_value += base58btc_encode(signature);
    proof.AddMember("proofValue", rapidjson::Value(proof_value.c_str(), alloc), alloc);
    activity.AddMember("proof", proof, alloc);
}

std::string proof_verification_method(const rapidjson::Value& activity) {
    std::string method = string_member(proof_of(activity), "verificationMethod");
    if (method.empty()) malformed("verificationMethod is empty");
    return method;
}

void verify_proof(const rapidjson::Value& activity, const std::string& ed25519_public_pem,
                  std::optional<core::TimePoint> now, std::chrono::seconds max_skew) {
    const rapidjson::Value& proof = proof_of(activity);
    if (string_member(proof, "type") != kProofType) rejected("type is not DataIntegrityProof");
    if (string_member(proof, "cryptosuite") != kCryptosuite) rejected("cryptosuite is not eddsa-jcs-2022");
    if (string_member(proof, "proofPurpose") != kProofPurpose) rejected("proofPurpose is not assertionMethod");
    proof_verification_method(activity);
    if (auto created = proof.FindMember("created"); created != proof.MemberEnd() && !created->value.IsString()) {
        malformed("created is not a string");
    }
    if (now) {
        if (auto created = proof_date(proof, "created"); created && *created > *now + max_skew) {
            rejected("created is in the future");
        }
        if (auto expires = proof_date(proof, "expires"); expires && *expires < *now) rejected("the proof has expired");
    }
    std::string value = string_member(proof, "proofValue");
    std::optional<std::string> signature;
    if (!value.empty() && value.front() == 'z') signature = base58btc_decode(std::string_view(value).substr(1));
    if (!signature || signature->size() != kEd25519SignatureBytes) {
        malformed("proofValue is not 'z' + base58btc of an Ed25519 signature");
    }

    // vc-di-eddsa §3.3.2: the document without its proof, the proof without its value.
    rapidjson::Document document;
    document.CopyFrom(activity, document.GetAllocator());
    document.RemoveMember("proof");
    rapidjson::Value config(proof, document.GetAllocator());
    config.RemoveMember("proofValue");
    auto doc_context = document.FindMember("@context");
    if (auto proof_context = config.FindMember("@context"); proof_context != config.MemberEnd()) {
        // The proof's @context must be a prefix of the document's; the document is then read in the proof's.
        if (doc_context == document.MemberEnd()) rejected("the proof has an @context but the document has none");
        auto wanted = context_entries(proof_context->value);
        auto have = context_entries(doc_context->value);
        if (wanted.size() > have.size()) rejected("the proof's @context is not a prefix of the document's");
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (*wanted[i] != *have[i]) rejected("the proof's @context is not a prefix of the document's");
        }
        doc_context->value.CopyFrom(proof_context->value, document.GetAllocator());
    } else if (doc_context != document.MemberEnd()) {
        // §3.3.5: the configuration that was signed carries the document's @context.
        config.AddMember("@context", rapidjson::Value(doc_context->value, document.GetAllocator()),
                         document.GetAllocator());
    }
    if (!verify_message(SignatureAlgorithm::ed25519, ed25519_public_pem, hash_data(config, document), *signature)) {
        rejected("the signature does not verify with the signer's key (document or proof altered, or wrong key)");
    }
}

}  // namespace gesso::activitypub
