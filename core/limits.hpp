#pragma once
// Every size, count, depth and time Gesso enforces, in one place. Change a value here, not at its use.
#include <chrono>
#include <cstddef>

namespace gesso::core::limits {

using namespace std::chrono_literals;

// --- HTTP server ---
// Request line plus all header fields. Mastodon clients and federation peers stay far below this;
// Beast's default is 8 KiB, which signed requests with long keyIds can approach.
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;
// Default body limit for routes that do not declare their own (GETs carry no body).
inline constexpr std::size_t kDefaultBodyBytes = 64 * 1024;
// Body limit for ActivityPub inbox POSTs: Mastodon caps at 1 MiB too.
inline constexpr std::size_t kInboxBodyBytes = 1024 * 1024;
// Time allowed to receive a whole request (headers and body) once its first byte has arrived.
inline constexpr auto kRequestReadTimeout = 30s;
// Time an idle keep-alive connection is kept open waiting for its next request.
inline constexpr auto kKeepAliveIdleTimeout = 75s;
// Time allowed to write one response.
inline constexpr auto kResponseWriteTimeout = 60s;
// Time allowed for a TLS handshake.
inline constexpr auto kTlsHandshakeTimeout = 15s;
// Requests served on one keep-alive connection before it is closed (bounds per-connection state).
inline constexpr int kMaxRequestsPerConnection = 1000;
// Default simultaneous open connections; beyond it new connections get 503 and are closed.
inline constexpr std::size_t kDefaultMaxConnections = 1024;
// Default seconds to finish in-flight requests after SIGTERM/SIGINT before exiting anyway.
inline constexpr int kDefaultShutdownTimeoutSeconds = 10;
// Longest request target (path + query) accepted, in bytes.
inline constexpr std::size_t kMaxTargetBytes = 4096;

// --- Outgoing HTTP (web/client) ---
// Largest response body read from another server for documents (actors, objects, WebFinger).
inline constexpr std::size_t kMaxFetchBytes = 2 * 1024 * 1024;
// Redirects followed for GETs; each hop is checked against the SSRF guard again.
inline constexpr int kMaxRedirects = 3;
// Time to resolve and connect (and finish a TLS handshake) to another server.
inline constexpr auto kFetchConnectTimeout = 10s;
// Time for a whole request/response exchange with another server once connected.
inline constexpr auto kFetchTimeout = 30s;
// Longest URL Gesso will fetch.
inline constexpr std::size_t kMaxUrlLength = 2048;

// --- JSON ---
// Nesting depth accepted when parsing untrusted JSON.
inline constexpr int kMaxJsonDepth = 32;

// --- Paging ---
// Items per ActivityPub collection page.
inline constexpr int kCollectionPageSize = 20;
// Mastodon API default and maximum `limit`.
inline constexpr int kApiDefaultLimit = 20;
inline constexpr int kApiMaxLimit = 40;

// --- Accounts ---
// Username length (Mastodon: 30) and allowed characters [A-Za-z0-9_] (checked in activitypub/accounts).
inline constexpr std::size_t kMaxUsernameLength = 30;
inline constexpr std::size_t kMinPasswordLength = 8;
// Upper bound keeps Argon2 hashing time bounded and rejects absurd inputs.
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMaxDisplayNameLength = 100;
inline constexpr std::size_t kMaxNoteLength = 5000;
inline constexpr std::size_t kMaxDomainLength = 253;
// RSA modulus for actor keys: what every peer expects.
inline constexpr int kRsaKeyBits = 2048;

// --- Posts (local) ---
// Status text in characters (Mastodon's default), attachments and poll shape per status.
inline constexpr std::size_t kMaxStatusChars = 500;
inline constexpr std::size_t kMaxStatusMedia = 4;
inline constexpr std::size_t kMaxPollOptions = 4;
inline constexpr std::size_t kMaxPollOptionChars = 50;
inline constexpr auto kMinPollDuration = 5min;
inline constexpr auto kMaxPollDuration = 24h * 30;
// Mentions resolved per post (each may need a WebFinger lookup) and hashtags kept per post.
inline constexpr std::size_t kMaxPostMentions = 20;
inline constexpr std::size_t kMaxPostHashtags = 20;
// A report's comment (Mastodon allows 1000 characters).
inline constexpr std::size_t kMaxReportCommentBytes = 4000;
// Accounts one account may name as its former selves (alsoKnownAs).
inline constexpr std::size_t kMaxAliases = 10;
// Pinned (featured) posts per account, served inline in the featured collection.
inline constexpr int kMaxPins = 20;

// --- OAuth and the client API ---
// Form or JSON bodies of API calls without files.
inline constexpr std::size_t kMaxFormBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxAppNameBytes = 200;
inline constexpr std::size_t kMaxAppRedirectUris = 10;
// An authorization code is usable once, within this time.
inline constexpr auto kAuthorizationCodeLifetime = 10min;
// Notification rows read to fill one filtered page (types[]/exclude_types[] filter while scanning).
inline constexpr int kMaxNotificationScan = 2000;
// Ancestors and descendants returned by a status's context.
inline constexpr std::size_t kMaxContextStatuses = 200;

// --- WebFinger ---
inline constexpr std::size_t kMaxWebfingerResourceLength = 512;

// --- Storage ---
// How long a connection waits on a locked database before failing with "busy".
inline constexpr auto kSqliteBusyTimeout = 5s;
// Read-only connections kept open beside the single writer.
inline constexpr int kSqliteReaders = 4;
// Prepared statements cached per connection; beyond it the least recently added is finalized.
inline constexpr std::size_t kStatementCacheSize = 128;

// --- Configuration ---
inline constexpr std::size_t kMaxConfigFileBytes = 256 * 1024;
inline constexpr int kMaxIoThreads = 64;
inline constexpr int kMaxWorkerThreads = 256;

// --- Media (media/) ---
// Largest image file accepted for processing, local upload or remote attachment. Mastodon caps images at
// 16 MiB; a 12-megapixel camera JPEG is 3-8 MiB.
inline constexpr std::size_t kMaxImageBytes = 16 * 1024 * 1024;
// Largest width and height read from an image header; checked before any pixel is decoded.
inline constexpr int kMaxImageWidth = 12000;
inline constexpr int kMaxImageHeight = 12000;
// Largest total pixel count (width x height) from the header: 40 megapixels decode to 120 MiB of BGR,
// which bounds memory per image on the CPU pool. A tiny file declaring 50000x50000 is refused here.
inline constexpr long long kMaxImagePixels = 40LL * 1000 * 1000;
// Default long edge of the served "full" derivative, and its configurable range.
inline constexpr int kDefaultFullLongEdge = 2048;
inline constexpr int kMinFullLongEdge = 320;
inline constexpr int kMaxFullLongEdge = 8192;
// Long edge of the "preview" derivative (Mastodon's "small" is about 640 px).
inline constexpr int kPreviewLongEdge = 640;
// JPEG/WebP quality of served derivatives.
inline constexpr int kDerivativeQuality = 85;
// Blurhash components per axis (the algorithm allows 1..9) and the side of the image it is computed from.
inline constexpr int kBlurhashComponentsX = 4;
inline constexpr int kBlurhashComponentsY = 3;
inline constexpr int kBlurhashSampleEdge = 64;
// Metadata read while looking for AI-generation markers: bytes kept of one decompressed text chunk (zTXt,
// compressed iTXt), chunks or segments walked per file, and bytes of a NovelAI stealth payload.
inline constexpr std::size_t kMaxMetadataTextBytes = 1024 * 1024;
inline constexpr int kMaxMetadataBlocks = 4096;
inline constexpr std::size_t kMaxStealthPayloadBytes = 1024 * 1024;
// Stable Diffusion's invisible watermark is read only from images up to this many pixels (SDXL's largest
// native outputs are about 2048x2048); the mark does not survive resizing anyway.
inline constexpr long long kMaxWatermarkPixels = 2048LL * 2048;
// EXIF directories: entries per IFD read (bounds hostile counts).
inline constexpr int kMaxExifEntries = 512;
// Longest value written into our XMP packet (creator, rights, licence URL); a JPEG APP1 holds < 64 KiB.
inline constexpr std::size_t kMaxXmpValueBytes = 2048;
// PDQ: images larger than this on either side are first scaled to this square, as Meta's reference tools
// do; the hash reads a 64x64 grid, so larger inputs only cost time.
inline constexpr int kPdqSampleEdge = 512;
// PDQ: hashes whose quality is at or below this are too flat to compare (Meta's recommendation: <= 49).
inline constexpr int kPdqMinQuality = 50;
// PDQ: largest Hamming distance (of 256 bits) that still counts as the same picture.
inline constexpr int kPdqMatchDistance = 31;

// --- No-AI surface and protection settings (web/noai, core/protection) ---
// Agents an admin may add to or remove from the vendored crawler list (robots_disallow, robots_allow,
// ai_crawler_allow), each; the vendored list has 166.
inline constexpr std::size_t kMaxRobotsAgentChanges = 500;
// Longest agent name accepted in those lists (the vendored list's longest is 26).
inline constexpr std::size_t kMaxRobotsAgentLength = 100;
// Bytes of a User-Agent header compared against the crawler list (the header itself is capped by
// kMaxHeaderBytes); crawlers put their token early.
inline constexpr std::size_t kMaxUserAgentScanBytes = 1024;
// Visible watermark text, in bytes, and the opacity range accepted.
inline constexpr std::size_t kMaxWatermarkTextBytes = 100;
inline constexpr double kMinWatermarkOpacity = 0.05;
inline constexpr double kMaxWatermarkOpacity = 1.0;

}  // namespace gesso::core::limits
