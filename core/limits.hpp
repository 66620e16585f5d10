#pragma once
// Every size, count, depth and time Gesso enforces, in one place. Change a value here, not at its use.
#include <chrono>
#include <cstddef>
#include <cstdint>

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
// Bearer tokens resolved to their caller kept in memory (web/oauth/token_cache.hpp). An entry is dropped
// when this server commits any write (revocation, password change, suspension take effect at once) and at
// the latest after the TTL (writes by another process, such as the `gesso admin` CLI).
inline constexpr std::size_t kTokenCacheEntries = 4096;
inline constexpr std::chrono::milliseconds kTokenCacheTtl{1000};
// Rendered Account entities (with their profile fields and counts) kept in memory for status pages
// (web/mastodon/account_cache.hpp): an entry is used only while this server has committed no write since it was
// read, and for at most the TTL (another process's writes).
inline constexpr std::size_t kAccountCacheEntries = 4096;
inline constexpr std::chrono::milliseconds kAccountCacheTtl{1000};
// Rendered timeline pages (home, list, public, tag) kept in memory per viewer and request target
// (web/mastodon/page_cache.hpp): an entry is answered again only while this server has committed no write since
// it was rendered, and for at most the TTL by the node's clock (another process's writes, mutes, filters and
// polls that expire with time). A page larger than kMaxCachedPageBytes or a target longer than
// kMaxCachedPageTargetBytes is not kept; at most kPageCacheEntries pages and kPageCacheBytes bytes of bodies.
inline constexpr std::size_t kPageCacheEntries = 1024;
inline constexpr std::size_t kPageCacheBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxCachedPageBytes = 512 * 1024;
inline constexpr std::size_t kMaxCachedPageTargetBytes = 1024;
inline constexpr std::chrono::milliseconds kPageCacheTtl{1000};
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
// Accounts API: ids[] asked at once in relationships and familiar_followers (Mastodon reads any count; we
// bound the work of one request), familiar followers shown per account, the length of a private note on an
// account (Mastodon: 2000 characters, bytes here), languages chosen for one follow, and the longest mute.
inline constexpr std::size_t kMaxRelationshipIds = 100;
inline constexpr int kMaxFamiliarFollowers = 10;
inline constexpr std::size_t kMaxAccountNoteBytes = 2000;
inline constexpr std::size_t kMaxFollowLanguages = 20;
inline constexpr std::int64_t kMaxMuteDurationSeconds = 10LL * 365 * 24 * 3600;
// Account search: query bytes, and how deep `offset` may page (a prefix search over the accounts table).
inline constexpr std::size_t kMaxAccountSearchQueryBytes = 200;
inline constexpr int kMaxAccountSearchOffset = 1000;
// A person's own blocked domains (user-level domain blocks).
inline constexpr int kMaxAccountDomainBlocks = 1000;
// Pages of account lists (followers, blocks, mutes, favourited_by...): Mastodon's default and largest limit.
inline constexpr int kDefaultAccountPage = 40;
inline constexpr int kMaxAccountPage = 80;

// --- WebFinger ---
inline constexpr std::size_t kMaxWebfingerResourceLength = 512;

// --- Storage ---
// How long a connection waits on a locked database before failing with "busy".
inline constexpr auto kSqliteBusyTimeout = 5s;
// Read-only connections kept open beside the single writer.
inline constexpr int kSqliteReaders = 4;
// Prepared statements cached per connection; beyond it the least recently added is finalized.
inline constexpr std::size_t kStatementCacheSize = 128;
// Ids bound as one JSON-array parameter of a batched lookup (storage/id_list.hpp); longer lists are split.
inline constexpr std::size_t kMaxIdsPerQuery = 500;

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


// ---- Policy engine (activitypub/policy.*) ----
// Rules a node may have (each is evaluated on every inbound post and every local post).
inline constexpr std::int64_t kMaxPolicyRules = 500;
// A rule's match value (a domain, actor URI, hashtag, keyword) and its label/message.
inline constexpr std::size_t kMaxPolicyValueBytes = 512;
inline constexpr std::size_t kMaxPolicyLabelBytes = 500;
// The decision log keeps this many newest entries.
inline constexpr std::int64_t kMaxPolicyDecisions = 10000;
// Remote posts waiting for review; past this, a `hold` rule rejects instead (and says so in the log).
inline constexpr std::int64_t kMaxHeldPosts = 5000;
// Largest post document kept for review.
inline constexpr std::size_t kMaxHeldPostBytes = 256 * 1024;
// Cloak (media/cloak.hpp): the perceptual bound every cloaked picture keeps against the uncloaked one, PSNR
// in dB over B, G, R and mean SSIM (issue 5), and how many times the perturbation may be scaled down (by
// kCloakScaleStep each time) to meet it before the picture is served uncloaked instead.
inline constexpr double kCloakMinPsnr = 38.0;
inline constexpr double kCloakMinSsim = 0.97;
inline constexpr int kMaxCloakBoundSteps = 8;
inline constexpr double kCloakScaleStep = 0.8;
// Feature extractors read pictures at a few hundred pixels (224 for MobileNet and CLIP ViT-B, 256-512 for
// others); the cloak's patterns are sized for a picture whose short edge is this long, then scaled up.
inline constexpr int kCloakAnalysisEdge = 256;
// Visible watermark (media/overlay.hpp): longest text in bytes (one line across a preview stays readable),
// and its cap height as a fraction of the picture's shorter edge, with a floor in pixels.
inline constexpr std::size_t kMaxWatermarkTextBytes = 64;
inline constexpr double kWatermarkTextHeightFraction = 0.035;
inline constexpr int kMinWatermarkTextHeight = 10;
// Timelines with rules the index cannot express (silenced domains, blocks, suspended authors, hide filters):
// ids read from the index per batch, and batches read to fill one page before answering with what was found
// (so one request looks at no more than 800 rows).
inline constexpr int kTimelineScanBatchRows = 100;
inline constexpr int kMaxTimelineScanBatches = 8;
// Hashtags in one tag timeline query: `any[]`, `all[]` and `none[]` each take at most this many (Mastodon: 4).
inline constexpr std::size_t kMaxTagTimelineTags = 4;
// A hashtag name (GET /api/v1/tags/:name, follow): bytes after the '#'.
inline constexpr std::size_t kMaxTagNameChars = 100;
// Hashtags one account may follow, and the days of use a Tag entity's `history` shows (Mastodon: 7).
inline constexpr std::size_t kMaxFollowedTags = 1000;
inline constexpr int kTagHistoryDays = 7;
// Lists: per account, accounts per list, and title length in characters (Mastodon has no count limit; we do).
inline constexpr int kMaxListsPerAccount = 100;
inline constexpr int kMaxAccountsPerList = 1000;
inline constexpr std::size_t kMaxListTitleChars = 200;
// Filters: per account, keywords (and statuses) per filter, title and keyword length in characters.
inline constexpr int kMaxFiltersPerAccount = 100;
inline constexpr int kMaxFilterKeywords = 100;
inline constexpr std::size_t kMaxFilterTitleChars = 200;
inline constexpr std::size_t kMaxFilterKeywordChars = 200;
// Versions of a status kept in its edit history (older ones are dropped first) and answered by /history.
inline constexpr int kMaxStatusEdits = 100;
// Idempotency-Key of status creation: longest key accepted, and how long a key names its status (Mastodon: 1 h).
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 256;
inline constexpr int kIdempotencyKeySeconds = 3600;
// Scheduled statuses: how far ahead at least (Mastodon: 5 minutes), at most, and how many one account keeps
// (Mastodon: 300 in all, 25 per day).
inline constexpr auto kMinScheduleAhead = 5min;
inline constexpr auto kMaxScheduleAhead = std::chrono::hours(24 * 365 * 2);
inline constexpr int kMaxScheduledStatuses = 300;
// Search (/api/v2/search): longest query, results per type per page, furthest offset, and the newest statuses
// a text search looks through (it reads them, not an index; older posts are not found by text).
inline constexpr std::size_t kMaxSearchQueryBytes = 512;
inline constexpr int kMaxSearchResults = 40;
inline constexpr int kMaxSearchOffset = 10000;
inline constexpr int kMaxSearchScannedStatuses = 50000;
// --- Uploads and the media store ---
// Body of a multipart upload (POST /api/v{1,2}/media, update_credentials): the largest image plus room for
// the other form fields and part headers.
inline constexpr std::size_t kMaxUploadBodyBytes = kMaxImageBytes + 64 * 1024;
// Parts in one multipart body (file + description + focus + Gesso's params + profile fields with room).
inline constexpr std::size_t kMaxMultipartParts = 64;
// Header block of one multipart part (Content-Disposition, Content-Type).
inline constexpr std::size_t kMaxMultipartPartHeaderBytes = 4 * 1024;
// Bytes of one non-file multipart field (a description, a profile note of 5000 characters in UTF-8...).
inline constexpr std::size_t kMaxMultipartFieldBytes = 32 * 1024;
// Multipart boundary length (RFC 2046 allows 1..70 characters).
inline constexpr std::size_t kMaxMultipartBoundaryBytes = 70;
// Alt text of an attachment (Mastodon: 1500 characters).
inline constexpr std::size_t kMaxMediaDescriptionChars = 1500;
// Licence URL given with an upload.
inline constexpr std::size_t kMaxLicenceUrlBytes = 512;
// Default size bound of the remote-attachment cache (derivatives of other servers' images), and its range.
inline constexpr std::uint64_t kDefaultMediaCacheBytes = 1024ULL * 1024 * 1024;
inline constexpr std::uint64_t kMinMediaCacheBytes = 1024ULL * 1024;
// Seconds a served derivative may be cached (files never change: their names carry a random key).
inline constexpr int kMediaMaxAgeSeconds = 365 * 24 * 3600;
// Seconds a local upload may stay unattached to any post (never posted, or detached by a delete or an edit:
// kept for "delete and redraft", as Mastodon keeps them a day) before its row and files are removed.
inline constexpr int kUnattachedMediaSeconds = 24 * 3600;
// Attachments of one remote post fetched and processed (Mastodon shows 4; the rest keep their remote URL).
inline constexpr std::size_t kMaxRemoteMediaFetched = 4;
// An evicted cached remote file is fetched again when next served, by at most this many requests at once (the
// others are sent to the origin); an origin that failed is not asked again for the same file for this long, and
// at most this many such failures are remembered (then forgotten all at once).
inline constexpr int kMaxConcurrentMediaRefetches = 2;
inline constexpr auto kRemoteMediaRefetchBackoff = std::chrono::minutes(10);
inline constexpr std::size_t kMaxRefetchFailuresRemembered = 10000;
// Profile images: the avatar is cropped to a square of this side, the header to this width x height.
inline constexpr int kAvatarEdge = 400;
inline constexpr int kHeaderWidth = 1500;
inline constexpr int kHeaderHeight = 500;
// Body of update_credentials: an avatar and a header image plus the text fields.
inline constexpr std::size_t kMaxProfileUpdateBodyBytes = 2 * kMaxImageBytes + 64 * 1024;
// Profile metadata fields (fields_attributes) and the length of each name and value.
inline constexpr std::size_t kMaxProfileFields = 4;
inline constexpr std::size_t kMaxProfileFieldChars = 255;
// --- Streaming API (web/streaming) ---
// Messages and bytes waiting to be sent to one streaming connection. A client that falls this far behind is
// cut off (close code 1008, "slow consumer") instead of being buffered for.
inline constexpr std::size_t kStreamQueueMessages = 256;
inline constexpr std::size_t kStreamQueueBytes = 4 * 1024 * 1024;
// A stalled write to a cut-off client gets this long to finish before the socket is closed without a close frame.
inline constexpr std::chrono::seconds kStreamCloseGrace{10};
// No frame from the client (a pong counts) for this long closes the connection; Beast pings after half of it,
// so a live client is pinged every 30 s.
inline constexpr std::chrono::seconds kStreamIdleTimeout{60};
// The WebSocket handshake must complete within this.
inline constexpr std::chrono::seconds kStreamHandshakeTimeout{10};
// Largest message a client may send (subscribe/unsubscribe are a few dozen bytes).
inline constexpr std::size_t kStreamClientMessageBytes = 4096;
// Streams one connection may be subscribed to at once (Mastodon's clients use a handful).
inline constexpr std::size_t kStreamSubscriptions = 64;
// Open streaming connections per access token, and in total on the node.
inline constexpr std::size_t kStreamConnectionsPerToken = 8;
inline constexpr std::size_t kStreamConnectionsTotal = 512;
// Server-sent-events streams (GET /api/v1/streaming/user, ...) write a ":thump" comment line this often, as
// Mastodon's streaming server does, so proxies keep the connection open and a stalled reader is noticed: a
// write still pending at the next heartbeat cuts the connection off.
inline constexpr std::chrono::seconds kStreamHeartbeat{15};
// Home timeline holders told about an edit or a delete (the rest see it on their next fetch).
inline constexpr int kStreamAudienceMax = 10000;

// --- Rate limits (web/rate_limit), as Mastodon's defaults; configurable per node ---
// Requests per window to /api/ and /oauth/ per access token, or per IP address without one.
inline constexpr int kRateLimitPerToken = 300;
inline constexpr int kRateLimitPerIp = 7500;
inline constexpr std::chrono::seconds kRateLimitWindow{300};
// POST /api/v1/media and /api/v2/media: 30 per 30 minutes per token.
inline constexpr int kRateLimitMedia = 30;
inline constexpr std::chrono::seconds kRateLimitMediaWindow{1800};
// POST /api/v1/statuses (and edits): 300 per 3 hours per token.
inline constexpr int kRateLimitStatuses = 300;
inline constexpr std::chrono::seconds kRateLimitStatusesWindow{3 * 3600};
// POST /oauth/token and the login form: 25 per 5 minutes per IP (password guessing).
inline constexpr int kRateLimitSignIn = 25;
inline constexpr std::chrono::seconds kRateLimitSignInWindow{300};
// Buckets kept in memory; when full, expired ones are dropped first, then the oldest.
inline constexpr std::size_t kRateLimitBuckets = 100000;
// --- No-AI surface and protection settings (web/noai, core/protection) ---
// Entries of /.well-known/tdmrep.json besides the final catch-all: posts whose choice differs from their
// author's, opted-in media files and opted-in accounts (web/noai/tdmrep.cpp). Past it, opted-in entries are
// left out first, so what is dropped falls back to the reservation, never the other way round.
inline constexpr std::size_t kMaxTdmrepEntries = 2000;
// Agents an admin may add to or remove from the vendored crawler list (robots_disallow, robots_allow,
// ai_crawler_allow), each; the vendored list has 166.
inline constexpr std::size_t kMaxRobotsAgentChanges = 500;
// Longest agent name accepted in those lists (the vendored list's longest is 26).
inline constexpr std::size_t kMaxRobotsAgentLength = 100;
// Bytes of a User-Agent header compared against the crawler list (the header itself is capped by
// kMaxHeaderBytes); crawlers put their token early.
inline constexpr std::size_t kMaxUserAgentScanBytes = 1024;
// The opacity range accepted for a visible watermark (its text length: kMaxWatermarkTextBytes above).
inline constexpr double kMinWatermarkOpacity = 0.05;
inline constexpr double kMaxWatermarkOpacity = 1.0;
// --- Server-rendered pages (web/pages) ---
// Works (images) per page of a portfolio profile, statuses per page of the public gallery and tag pages,
// replies listed under a post (the newest ones the viewer may see), statuses scanned to fill one page of works.
inline constexpr int kPageWorks = 24;
inline constexpr int kPageStatuses = 20;
inline constexpr int kPageReplies = 40;
inline constexpr int kPageWorkScanStatuses = 60;
// Cells per side of the colour grid a BlurHash placeholder is painted with (media::blurhash_sample) and the grid
// the pages use (4 x 3, matching kBlurhashComponentsX/Y).
inline constexpr int kBlurhashSampleGrid = 8;
inline constexpr int kPlaceholderCols = 4;
inline constexpr int kPlaceholderRows = 3;
// Characters of a post's text used as its OpenGraph description, and of a page <title>.
inline constexpr std::size_t kPageDescriptionChars = 200;
inline constexpr std::size_t kPageTitleChars = 120;
// Bytes of a hashtag in a tag page's URL (/tags/:tag).
inline constexpr std::size_t kMaxHashtagBytes = 100;
// Bytes of a handle typed into the "follow from your server" form (user@host; a host is at most 253).
inline constexpr std::size_t kMaxRemoteHandleBytes = 320;


// --- Browser sessions (web/pages/session.hpp) ---
// A signed-in session ends after this long without a request, and in any case this long after sign-in.
inline constexpr std::chrono::hours kWebSessionIdleLifetime{24 * 14};
inline constexpr std::chrono::hours kWebSessionAbsoluteLifetime{24 * 90};
// last_seen_at is written at most this often per session (every page view would be a write otherwise).
inline constexpr std::chrono::seconds kWebSessionTouchInterval{300};
// Sessions kept per account; signing in once more drops the least recently used.
inline constexpr std::size_t kWebSessionsPerAccount = 20;
// Bytes of the User-Agent header kept with a session (shown in the session list).
inline constexpr std::size_t kWebSessionUserAgentBytes = 256;
// Failed sign-ins allowed per account and per client address in one window before the form refuses to check
// passwords (the API's sign_in bucket counts every attempt; this counts failures, across both forms).
inline constexpr int kFailedSignInsPerAccount = 10;
inline constexpr int kFailedSignInsPerAddress = 30;
inline constexpr std::chrono::seconds kFailedSignInWindow{900};
// Length of a registration's "reason" (approval mode) in characters.
inline constexpr std::size_t kMaxRegistrationReasonChars = 1000;
// Sign-up forms (POST /auth/sign_up) accepted per client address in one window, whatever their outcome; then
// a 429 page until the window ends. Behind a reverse proxy every visitor shares the proxy's address (see
// docs/admin/pages.md).
inline constexpr int kSignUpsPerAddress = 10;
inline constexpr std::chrono::seconds kSignUpWindow{3600};

// --- Compose page (web/pages/compose.cpp) ---
// Body of the compose form: kMaxStatusMedia images of the largest size plus the text fields and part headers.
inline constexpr std::size_t kMaxComposeBodyBytes = kMaxStatusMedia * kMaxImageBytes + 64 * 1024;

}  // namespace gesso::core::limits
