#pragma once
// Written limits for reading ActivityStreams documents from other servers. Every value is far above what any
// real server sends (the comment says what they send), so hitting one means a broken or hostile peer.
//
// What happens at a limit (the same everywhere, so callers can rely on it):
//   - text over its byte limit: the document is refused (core::Error, unprocessable), never silently cut,
//     because cutting HTML or UTF-8 in the middle produces something the author never wrote;
//   - a list over its count limit: the document is refused, except actor profile fields (see kMaxProfileFields).
// The whole document is already bounded by core::parse_json (1 MiB, depth 32) before any of this runs.
#include <cstddef>

namespace gesso::activitypub::as2::limits {

// --- Identifiers and links ---
// Longest id, href or url kept. Browsers and CDNs cap URLs near 2 KB; ids from real servers are < 200 bytes.
inline constexpr std::size_t kMaxUrlBytes = 2048;
// Longest `type` string kept (unknown activity types are kept as strings so the engine can log and ignore them).
inline constexpr std::size_t kMaxTypeBytes = 128;

// --- Text ---
// Post body HTML (`content`). Mastodon allows 500 characters, Misskey 3000, GoToSocial 5000, long-form
// Articles (WriteFreely, Plume) a few tens of KB of HTML.
inline constexpr std::size_t kMaxContentBytes = 100 * 1024;
// Content warning (`summary` on posts). Mastodon's spoiler text shares the 500-character budget.
inline constexpr std::size_t kMaxContentWarningBytes = 10 * 1024;
// Title of an Article/Page/Event (`name`), and the text of an Image with no content.
inline constexpr std::size_t kMaxTitleBytes = 4 * 1024;
// Actor bio (`summary` on actors), HTML. Misskey allows 1500 characters plus the markup of links.
inline constexpr std::size_t kMaxActorSummaryBytes = 64 * 1024;
// Display name (`name` on actors). Mastodon allows 30 characters, Misskey 50; shortcodes make them longer.
inline constexpr std::size_t kMaxDisplayNameBytes = 1024;
// `preferredUsername`. Mastodon allows 30 characters locally; other software is looser.
inline constexpr std::size_t kMaxUsernameBytes = 256;
// Alt text of a media attachment (`name`). Mastodon and GoToSocial allow 1500 characters (up to 6 KB UTF-8).
inline constexpr std::size_t kMaxAltTextBytes = 16 * 1024;
// Profile field (PropertyValue) name and value (value is HTML, usually one link).
inline constexpr std::size_t kMaxFieldNameBytes = 1024;
inline constexpr std::size_t kMaxFieldValueBytes = 4 * 1024;
// Activity `content`: a Misskey/Pleroma reaction (one emoji or :shortcode:) or a Flag's comment (Mastodon: 1000
// characters).
inline constexpr std::size_t kMaxActivityContentBytes = 10 * 1024;
// Poll option text. Mastodon allows 50 characters, snac cuts at 60.
inline constexpr std::size_t kMaxPollOptionBytes = 1024;
// Hashtag name (without '#') and custom emoji shortcode.
inline constexpr std::size_t kMaxHashtagBytes = 256;
inline constexpr std::size_t kMaxEmojiShortcodeBytes = 128;
// Mention `name` ("@user@host").
inline constexpr std::size_t kMaxMentionNameBytes = 512;
// Language tag from `contentMap` (BCP 47; "en", "pt-BR", "zh-Hant-TW").
inline constexpr std::size_t kMaxLanguageTagBytes = 64;
// `mediaType` (RFC 6838 allows 127 + 127 plus parameters).
inline constexpr std::size_t kMaxMediaTypeBytes = 255;
// Blurhash string: 9x9 components take 4 + 2 * 81 = 166 characters.
inline constexpr std::size_t kMaxBlurhashBytes = 256;
// FEP-5e53 `xRobotsTag` ("noai, noimageai").
inline constexpr std::size_t kMaxXRobotsTagBytes = 256;
// schema.org `license` (a URL or a short SPDX-like name).
inline constexpr std::size_t kMaxLicenseBytes = 2048;

// --- Keys ---
// `publicKeyPem`: an RSA-4096 SubjectPublicKeyInfo PEM is about 800 bytes.
inline constexpr std::size_t kMaxPublicKeyPemBytes = 8 * 1024;
// `publicKeyMultibase`: an Ed25519 Multikey is 48 characters.
inline constexpr std::size_t kMaxMultibaseBytes = 512;
// Keys per actor (publicKey array, assertionMethod array). Real actors carry one or two of each.
inline constexpr std::size_t kMaxPublicKeys = 16;
inline constexpr std::size_t kMaxAssertionMethods = 16;

// --- Lists ---
// Entries in one addressing list (to, cc, bto, bcc, audience). Big accounts address followers collections,
// not people; 10,000 explicit recipients is already abuse.
inline constexpr std::size_t kMaxAddressEntries = 10'000;
// Media attachments on a post. Mastodon sends at most 4 (and accepts 4), Pixelfed up to 10 (configurable).
inline constexpr std::size_t kMaxAttachments = 16;
// Raw entries of a `tag` array, counted before looking at their type (a bound on work, not on meaning).
inline constexpr std::size_t kMaxTagEntries = 512;
// Hashtags, mentions and custom emoji on one post.
inline constexpr std::size_t kMaxHashtags = 64;
inline constexpr std::size_t kMaxMentions = 128;
inline constexpr std::size_t kMaxEmojis = 128;
// Poll options (oneOf/anyOf). Mastodon allows 4 locally, Misskey 10, snac 8.
inline constexpr std::size_t kMaxPollOptions = 32;
// Profile fields (PropertyValue attachments). Mastodon shows 4, Misskey allows 16. Unlike other lists these
// are truncated to the first 16, not refused: refusing an actor would cut all federation with it.
inline constexpr std::size_t kMaxProfileFields = 16;
// alsoKnownAs entries (account migration aliases). Mastodon allows a handful.
inline constexpr std::size_t kMaxAliases = 64;
// Objects named by one Flag (the reported account plus the reported posts).
inline constexpr std::size_t kMaxFlagObjects = 1000;

// --- Numbers ---
// Media dimensions beyond this are not believed (kept as unknown).
inline constexpr int kMaxMediaDimension = 100'000;

}  // namespace gesso::activitypub::as2::limits
