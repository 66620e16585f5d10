#include "storage/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/log.hpp"

namespace gesso::storage {

namespace {

// Each entry is one migration; never edit a released one, append a new one instead.
// Times are Unix milliseconds; ids are core::Id (time-sortable). Local accounts have domain ''.
constexpr std::array<std::string_view, 17> kMigrations = {
    // 1: accounts, users, keys, statuses, media, follows, domain blocks, node settings.
    R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  domain TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  uri TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL DEFAULT '',
  actor_type TEXT NOT NULL DEFAULT 'Person',
  inbox_url TEXT NOT NULL DEFAULT '',
  outbox_url TEXT NOT NULL DEFAULT '',
  shared_inbox_url TEXT NOT NULL DEFAULT '',
  followers_url TEXT NOT NULL DEFAULT '',
  following_url TEXT NOT NULL DEFAULT '',
  featured_url TEXT NOT NULL DEFAULT '',
  avatar_url TEXT NOT NULL DEFAULT '',
  header_url TEXT NOT NULL DEFAULT '',
  locked INTEGER NOT NULL DEFAULT 0,
  discoverable INTEGER NOT NULL DEFAULT 0,
  indexable INTEGER NOT NULL DEFAULT 0,
  bot INTEGER NOT NULL DEFAULT 0,
  suspended_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX accounts_username_domain ON accounts (username COLLATE NOCASE, domain COLLATE NOCASE);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  admin INTEGER NOT NULL DEFAULT 0,
  approved INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  last_active_at INTEGER
);

CREATE TABLE keys (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('rsa', 'ed25519')),
  key_id TEXT NOT NULL UNIQUE,
  public_pem TEXT NOT NULL,
  private_pem TEXT NOT NULL DEFAULT ''
);
CREATE INDEX keys_account ON keys (account_id);

CREATE TABLE statuses (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  uri TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  spoiler_text TEXT NOT NULL DEFAULT '',
  visibility INTEGER NOT NULL DEFAULT 0 CHECK (visibility BETWEEN 0 AND 3),
  sensitive INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT '',
  in_reply_to_id INTEGER REFERENCES statuses (id) ON DELETE SET NULL,
  in_reply_to_uri TEXT NOT NULL DEFAULT '',
  reblog_of_id INTEGER REFERENCES statuses (id) ON DELETE CASCADE,
  local INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER
);
CREATE INDEX statuses_account ON statuses (account_id, id);
CREATE INDEX statuses_local ON statuses (local, id) WHERE deleted_at IS NULL;

CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER REFERENCES statuses (id) ON DELETE SET NULL,
  type TEXT NOT NULL DEFAULT 'image',
  file_path TEXT NOT NULL DEFAULT '',
  remote_url TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  blurhash TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  focus_x REAL NOT NULL DEFAULT 0,
  focus_y REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX media_status ON media (status_id);

CREATE TABLE follows (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  uri TEXT NOT NULL DEFAULT '',
  accepted INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target ON follows (target_account_id, id);

CREATE TABLE domain_blocks (
  id INTEGER PRIMARY KEY,
  domain TEXT NOT NULL UNIQUE COLLATE NOCASE,
  severity TEXT NOT NULL DEFAULT 'suspend' CHECK (severity IN ('silence', 'suspend')),
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    // 2: federation. Remote actor cache, durable inbox and outbox queues, deliveries, per-instance health,
    // activity dedupe, materialised home timelines.
    R"sql(
ALTER TABLE accounts ADD COLUMN fetched_at INTEGER;
ALTER TABLE accounts ADD COLUMN hide_collections INTEGER NOT NULL DEFAULT 0;
CREATE INDEX accounts_remote_domain ON accounts (domain) WHERE domain != '';
CREATE INDEX follows_account ON follows (account_id, id);
CREATE UNIQUE INDEX follows_uri ON follows (uri) WHERE uri != '';

CREATE TABLE seen_activities (
  activity_id TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE inbox_jobs (
  id INTEGER PRIMARY KEY,
  activity_id TEXT NOT NULL,
  signer_uri TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  run_at INTEGER NOT NULL,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inbox_jobs_due ON inbox_jobs (run_at);

CREATE TABLE outbox_jobs (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  activity_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  audience TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  run_at INTEGER NOT NULL,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  fanned_out INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_jobs_due ON outbox_jobs (fanned_out, run_at);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  outbox_job_id INTEGER NOT NULL REFERENCES outbox_jobs (id) ON DELETE CASCADE,
  inbox_url TEXT NOT NULL,
  host TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  run_at INTEGER NOT NULL,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (outbox_job_id, inbox_url)
);
CREATE INDEX deliveries_due ON deliveries (run_at);

CREATE TABLE instances (
  host TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  paused_until INTEGER,
  last_success_at INTEGER,
  last_failure_at INTEGER,
  signature_scheme TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE home_timeline (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, status_id)
) WITHOUT ROWID;
)sql",
    // 3: favourites; boosts are statuses with reblog_of_id (indexed to count and undo them).
    R"sql(
CREATE TABLE favourites (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  uri TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_status ON favourites (status_id);
CREATE INDEX favourites_uri ON favourites (uri) WHERE uri != '';
CREATE INDEX statuses_reblog ON statuses (reblog_of_id) WHERE reblog_of_id IS NOT NULL;
)sql",
    // 4: what posts carry and what people do to each other: mentions, hashtags, custom emoji, attachment
    // details, polls and votes, blocks, reports, pins, notifications; actor moves and profile fields.
    R"sql(
ALTER TABLE statuses ADD COLUMN object_type TEXT NOT NULL DEFAULT 'Note';
ALTER TABLE statuses ADD COLUMN quote_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN x_robots_tag TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN license TEXT NOT NULL DEFAULT '';
CREATE INDEX statuses_in_reply_to ON statuses (in_reply_to_id, id) WHERE in_reply_to_id IS NOT NULL;
CREATE INDEX statuses_orphan_replies ON statuses (in_reply_to_uri)
  WHERE in_reply_to_id IS NULL AND in_reply_to_uri != '';

ALTER TABLE accounts ADD COLUMN fields TEXT NOT NULL DEFAULT '[]';
ALTER TABLE accounts ADD COLUMN also_known_as TEXT NOT NULL DEFAULT '[]';
ALTER TABLE accounts ADD COLUMN moved_to_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE accounts ADD COLUMN x_robots_tag TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN license TEXT NOT NULL DEFAULT '';

ALTER TABLE media ADD COLUMN mime_type TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN license TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
CREATE INDEX media_account ON media (account_id, id);

CREATE TABLE mentions (
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_uri TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (status_id, account_uri)
) WITHOUT ROWID;
CREATE INDEX mentions_account ON mentions (account_id, status_id) WHERE account_id IS NOT NULL;

CREATE TABLE status_tags (
  tag TEXT NOT NULL,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (tag, status_id)
) WITHOUT ROWID;
CREATE INDEX status_tags_status ON status_tags (status_id);

CREATE TABLE custom_emojis (
  id INTEGER PRIMARY KEY,
  shortcode TEXT NOT NULL,
  domain TEXT NOT NULL DEFAULT '',
  image_url TEXT NOT NULL,
  uri TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  UNIQUE (shortcode, domain)
);

CREATE TABLE polls (
  status_id INTEGER PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  multiple INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL,
  expires_at INTEGER,
  closed_at INTEGER,
  voters_count INTEGER
);
CREATE TABLE poll_votes (
  id INTEGER PRIMARY KEY,
  status_id INTEGER NOT NULL REFERENCES polls (status_id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  choice INTEGER NOT NULL,
  uri TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (status_id, account_id, choice)
);

CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  uri TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX blocks_target ON blocks (target_account_id);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_ids TEXT NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT 'other',
  uri TEXT NOT NULL DEFAULT '',
  forwarded INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  action_taken_at INTEGER
);
CREATE INDEX reports_open ON reports (id) WHERE action_taken_at IS NULL;
CREATE UNIQUE INDEX reports_uri ON reports (uri) WHERE uri != '';

CREATE TABLE status_pins (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, status_id)
) WITHOUT ROWID;

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  status_id INTEGER REFERENCES statuses (id) ON DELETE CASCADE,
  report_id INTEGER REFERENCES reports (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
CREATE INDEX notifications_account ON notifications (account_id, id);
CREATE INDEX notifications_status ON notifications (status_id) WHERE status_id IS NOT NULL;
)sql",
    // 5: OAuth 2 for client apps: registered apps, short-lived authorization codes, access tokens. Secrets,
    // codes and tokens are stored as SHA-256 digests only.
    R"sql(
CREATE TABLE oauth_apps (
  id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE oauth_codes (
  code_hash TEXT PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scopes TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL DEFAULT '',
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE oauth_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  refresh_hash TEXT UNIQUE,
  app_id INTEGER NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX oauth_tokens_account ON oauth_tokens (account_id) WHERE account_id IS NOT NULL;
)sql",
    // 6: domain policies: severity 'none' (flags only) and reject_media on domain_blocks (rebuilt, as SQLite
    // cannot alter a CHECK constraint; nothing references it), and the allowlist for federation_mode=allowlist.
    R"sql(
CREATE TABLE domain_blocks_new (
  id INTEGER PRIMARY KEY,
  domain TEXT NOT NULL UNIQUE COLLATE NOCASE,
  severity TEXT NOT NULL DEFAULT 'suspend' CHECK (severity IN ('none', 'silence', 'suspend')),
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  reject_media INTEGER NOT NULL DEFAULT 0
);
INSERT INTO domain_blocks_new (id, domain, severity, reason, created_at)
  SELECT id, domain, severity, reason, created_at FROM domain_blocks;
DROP TABLE domain_blocks;
ALTER TABLE domain_blocks_new RENAME TO domain_blocks;

CREATE TABLE domain_allows (
  domain TEXT PRIMARY KEY COLLATE NOCASE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 7: the policy engine (activitypub/policy.*): ordered rules, the decision log, remote posts held for review.
    // Two rules ship enabled, an art community's defaults: local uploads detected as AI-generated are refused,
    // remote ones are labelled.
    R"sql(
CREATE TABLE policy_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('all', 'local', 'remote')),
  match_kind TEXT NOT NULL CHECK (match_kind IN ('domain', 'actor', 'hashtag', 'keyword', 'ai', 'repost')),
  match_value TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL CHECK (action IN ('reject', 'silence', 'sensitive', 'strip_media', 'label', 'hold')),
  label TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX policy_rules_order ON policy_rules (position, id);
INSERT INTO policy_rules (id, position, scope, match_kind, match_value, action, label, enabled, created_at) VALUES
  (1, 10, 'local', 'ai', 'declared,watermark', 'reject',
   'This image is marked as AI-generated, and this node does not accept AI-generated work.', 1, 0),
  (2, 20, 'remote', 'ai', 'declared,watermark', 'label', 'AI-generated', 1, 0);

CREATE TABLE policy_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE held_posts (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  actor_uri TEXT NOT NULL,
  object_uri TEXT NOT NULL UNIQUE,
  object_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql",
    // 8: the accounts API: per-follow options (boosts shown, new-post notifications, languages), mutes, private
    // notes on accounts, a person's own domain blocks, bookmarks.
    R"sql(
ALTER TABLE follows ADD COLUMN show_reblogs INTEGER NOT NULL DEFAULT 1;
ALTER TABLE follows ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;
ALTER TABLE follows ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

CREATE TABLE mutes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  notifications INTEGER NOT NULL DEFAULT 1,
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);

CREATE TABLE account_notes (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  comment TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, target_account_id)
) WITHOUT ROWID;

CREATE TABLE account_domain_blocks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  domain TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, domain)
);

CREATE TABLE bookmarks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_status ON bookmarks (status_id);
)sql",
    // 9: (timelines) public and tag timeline indexes; lists and their materialised timelines; read markers;
    // filters v2 with keywords and statuses; status edit history and sources; scheduled statuses; which ended
    // polls were notified; muted conversations; Idempotency-Key of status creation.
    R"sql(
CREATE INDEX statuses_public_timeline ON statuses (id)
  WHERE visibility = 0 AND deleted_at IS NULL AND reblog_of_id IS NULL;
CREATE INDEX statuses_public_timeline_local ON statuses (local, id)
  WHERE visibility = 0 AND deleted_at IS NULL AND reblog_of_id IS NULL;

CREATE TABLE lists (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  replies_policy TEXT NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
  exclusive INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX lists_account ON lists (account_id, id);
CREATE TABLE list_accounts (
  list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (list_id, account_id)
) WITHOUT ROWID;
CREATE INDEX list_accounts_account ON list_accounts (account_id);
CREATE TABLE list_timeline (
  list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  PRIMARY KEY (list_id, status_id)
) WITHOUT ROWID;
CREATE INDEX list_timeline_status ON list_timeline (status_id);

CREATE TABLE markers (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  timeline TEXT NOT NULL CHECK (timeline IN ('home', 'notifications')),
  last_read_id INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, timeline)
) WITHOUT ROWID;

CREATE TABLE filters (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  contexts TEXT NOT NULL,
  action TEXT NOT NULL DEFAULT 'warn' CHECK (action IN ('warn', 'hide')),
  expires_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX filters_account ON filters (account_id, id);
CREATE TABLE filter_keywords (
  id INTEGER PRIMARY KEY,
  filter_id INTEGER NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
  keyword TEXT NOT NULL,
  whole_word INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX filter_keywords_filter ON filter_keywords (filter_id);
CREATE TABLE filter_statuses (
  id INTEGER PRIMARY KEY,
  filter_id INTEGER NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  UNIQUE (filter_id, status_id)
);

CREATE TABLE status_edits (
  id INTEGER PRIMARY KEY,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  content TEXT NOT NULL,
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX status_edits_status ON status_edits (status_id, id);
CREATE TABLE status_sources (
  status_id INTEGER PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  text TEXT NOT NULL
);

CREATE TABLE scheduled_statuses (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scheduled_at INTEGER NOT NULL,
  params TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX scheduled_statuses_due ON scheduled_statuses (scheduled_at);
CREATE INDEX scheduled_statuses_account ON scheduled_statuses (account_id, id);
ALTER TABLE polls ADD COLUMN ended_notified INTEGER NOT NULL DEFAULT 0;
CREATE INDEX polls_ending ON polls (expires_at) WHERE ended_notified = 0 AND expires_at IS NOT NULL;

CREATE TABLE status_mutes (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, status_id)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  status_id INTEGER NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
) WITHOUT ROWID;
)sql",
    // 10: (uploads) what the media pipeline found and made, per attachment (AI-marker verdict and evidence,
    // PDQ hash and quality, the preview's size, the protection asked for, the private original's file), and
    // the PDQ hashes as their own table for near-duplicate lookups (issue 6's policy engine reads it); a local
    // user's posting defaults (Mastodon's source[privacy|sensitive|language]).
    R"sql(
ALTER TABLE media ADD COLUMN preview_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN preview_height INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN ai_verdict TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN ai_evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE media ADD COLUMN pdq TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN pdq_quality INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN cloak TEXT NOT NULL DEFAULT 'off';
ALTER TABLE media ADD COLUMN watermark INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN data_mining TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN original_path TEXT NOT NULL DEFAULT '';

ALTER TABLE users ADD COLUMN default_privacy TEXT NOT NULL DEFAULT 'public';
ALTER TABLE users ADD COLUMN default_sensitive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN default_language TEXT NOT NULL DEFAULT '';

CREATE TABLE media_hashes (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  pdq TEXT NOT NULL,
  quality INTEGER NOT NULL
);
)sql",
    // 11: accounts' statuses_count (in every account entity, so for every status of every timeline page) kept as a
    // counter by triggers, whichever code path inserts, edits, tombstones or deletes statuses: counting rows
    // grew with the author's history (bench/timeline.sh). Counts public and unlisted, not deleted, not boosts.
    R"sql(
CREATE TABLE account_stats (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  public_statuses INTEGER NOT NULL DEFAULT 0
);
INSERT INTO account_stats (account_id, public_statuses)
  SELECT account_id, count(*) FROM statuses
  WHERE visibility <= 1 AND deleted_at IS NULL AND reblog_of_id IS NULL GROUP BY account_id;
CREATE TRIGGER account_stats_status_insert AFTER INSERT ON statuses
  WHEN NEW.visibility <= 1 AND NEW.deleted_at IS NULL AND NEW.reblog_of_id IS NULL
BEGIN
  INSERT INTO account_stats (account_id, public_statuses) VALUES (NEW.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET public_statuses = public_statuses + 1;
END;
CREATE TRIGGER account_stats_status_delete AFTER DELETE ON statuses
  WHEN OLD.visibility <= 1 AND OLD.deleted_at IS NULL AND OLD.reblog_of_id IS NULL
BEGIN
  UPDATE account_stats SET public_statuses = public_statuses - 1 WHERE account_id = OLD.account_id;
END;
CREATE TRIGGER account_stats_status_update AFTER UPDATE OF account_id, visibility, deleted_at, reblog_of_id ON statuses
BEGIN
  UPDATE account_stats SET public_statuses = public_statuses - 1
    WHERE account_id = OLD.account_id AND OLD.visibility <= 1 AND OLD.deleted_at IS NULL AND OLD.reblog_of_id IS NULL;
  INSERT INTO account_stats (account_id, public_statuses)
    SELECT NEW.account_id, 1 WHERE NEW.visibility <= 1 AND NEW.deleted_at IS NULL AND NEW.reblog_of_id IS NULL
    ON CONFLICT (account_id) DO UPDATE SET public_statuses = public_statuses + 1;
END;
)sql",
    // 12: each artist's protection settings (no row: the protective defaults, core/protection.hpp),
    // and how often each AI crawler was turned away (web/noai).
    R"sql(
CREATE TABLE account_settings (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  data_mining TEXT NOT NULL DEFAULT 'DMI-PROHIBITED-AIMLTRAINING',
  license TEXT NOT NULL DEFAULT '',
  cloak_level TEXT NOT NULL DEFAULT 'off' CHECK (cloak_level IN ('off', 'low', 'medium', 'high')),
  watermark_text TEXT NOT NULL DEFAULT '',
  watermark_position TEXT NOT NULL DEFAULT 'bottom-right',
  watermark_opacity REAL NOT NULL DEFAULT 0.5,
  allow_original_download INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE TABLE crawler_hits (
  agent TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 13: read state of direct conversations (GET /api/v1/conversations): per reader and thread root, the
    // newest status read and the newest status of a removed conversation (it comes back with a newer one).
    // Hashtags each account follows (their public statuses enter its home timeline).
    // Prior versions of a status keep its attachments (ids and alt text) and poll options as they were (JSON;
    // NULL for versions recorded before this).
    R"sql(
CREATE TABLE followed_tags (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, tag)
);
CREATE INDEX followed_tags_tag ON followed_tags (tag);
ALTER TABLE status_edits ADD COLUMN media TEXT;
ALTER TABLE status_edits ADD COLUMN poll TEXT;
CREATE TABLE conversation_reads (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  root_id INTEGER NOT NULL,
  last_read_id INTEGER NOT NULL DEFAULT 0,
  hidden_through_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, root_id)
) WITHOUT ROWID;
)sql",
    // 14: (protect-finish) a post's own protection choices over its author's defaults (NULL: the author's;
    // license '' is "all rights reserved"), and the media files waiting to be removed from disk once the
    // database change that dropped them has committed (activitypub/media_cleanup drains it); when a local
    // attachment was detached from its post (deleted or edited), so unattached uploads expire after a delay.
    R"sql(
ALTER TABLE media ADD COLUMN detached_at INTEGER;
CREATE INDEX media_unattached ON media (created_at) WHERE status_id IS NULL;
CREATE TABLE status_rights (
  status_id INTEGER PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  data_mining TEXT,
  license TEXT,
  indexable INTEGER
);
CREATE TABLE media_garbage (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  area TEXT NOT NULL CHECK (area IN ('originals', 'files', 'cache')),
  name TEXT NOT NULL
);
)sql",
    // 15: signed-in browser sessions (web/pages/session.hpp; only a digest of the cookie's token is stored),
    // and the reason a person gave when signing up on a node that approves registrations.
    R"sql(
CREATE TABLE web_sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX web_sessions_account ON web_sessions (account_id, last_seen_at);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
ALTER TABLE users ADD COLUMN registration_reason TEXT NOT NULL DEFAULT '';
)sql",
    // 16: conversation membership: per participant and thread root (storage::conversation_root) of
    // direct statuses, the newest direct status, so /api/v1/conversations reads an index range (filled by
    // storage::add_to_conversation; backfilled here from the direct statuses and their mentions, roots found
    // through at most 200 parents as conversation_root does). Daily hashtag counters: per tag, day (unix ms of
    // its UTC start) and author, the public, undeleted, non-boost statuses carrying the tag, kept by triggers on
    // status_tags (a deleted status has deleted_at set before its tags go; an edit replaces its tags).
    R"sql(
CREATE TABLE conversation_members (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  root_id INTEGER NOT NULL,
  last_status_id INTEGER NOT NULL,
  PRIMARY KEY (account_id, root_id)
) WITHOUT ROWID;
CREATE INDEX conversation_members_latest ON conversation_members (account_id, last_status_id);
CREATE INDEX conversation_members_root ON conversation_members (root_id, last_status_id);
WITH RECURSIVE chain (id, cur, depth) AS (
  SELECT id, id, 0 FROM statuses WHERE visibility = 3 AND deleted_at IS NULL
  UNION ALL
  SELECT c.id, s.in_reply_to_id, c.depth + 1 FROM chain c JOIN statuses s ON s.id = c.cur
  WHERE s.in_reply_to_id IS NOT NULL AND c.depth < 200
),
roots (id, root) AS (SELECT id, cur FROM (SELECT id, cur, max(depth) FROM chain GROUP BY id)),
members (status_id, account_id) AS (
  SELECT id, account_id FROM statuses WHERE visibility = 3 AND deleted_at IS NULL
  UNION SELECT status_id, account_id FROM mentions WHERE account_id IS NOT NULL
)
INSERT INTO conversation_members (account_id, root_id, last_status_id)
SELECT m.account_id, r.root, max(r.id) FROM roots r JOIN members m ON m.status_id = r.id
WHERE m.account_id IN (SELECT id FROM accounts) GROUP BY m.account_id, r.root;
CREATE TABLE tag_day_accounts (
  tag TEXT NOT NULL,
  day INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  uses INTEGER NOT NULL,
  PRIMARY KEY (tag, day, account_id)
) WITHOUT ROWID;
INSERT INTO tag_day_accounts (tag, day, account_id, uses)
SELECT t.tag, s.created_at / 86400000 * 86400000, s.account_id, count(*) FROM status_tags t
JOIN statuses s ON s.id = t.status_id
WHERE s.visibility = 0 AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL GROUP BY 1, 2, 3;
CREATE TRIGGER status_tags_count_in AFTER INSERT ON status_tags
WHEN EXISTS (SELECT 1 FROM statuses s WHERE s.id = NEW.status_id AND s.visibility = 0 AND s.deleted_at IS NULL
             AND s.reblog_of_id IS NULL)
BEGIN
  INSERT INTO tag_day_accounts (tag, day, account_id, uses)
  SELECT NEW.tag, s.created_at / 86400000 * 86400000, s.account_id, 1 FROM statuses s WHERE s.id = NEW.status_id
  ON CONFLICT (tag, day, account_id) DO UPDATE SET uses = uses + 1;
END;
CREATE TRIGGER status_tags_count_out AFTER DELETE ON status_tags
WHEN EXISTS (SELECT 1 FROM statuses s WHERE s.id = OLD.status_id AND s.visibility = 0 AND s.reblog_of_id IS NULL)
BEGIN
  UPDATE tag_day_accounts SET uses = uses - 1
  WHERE tag = OLD.tag AND day = (SELECT created_at / 86400000 * 86400000 FROM statuses WHERE id = OLD.status_id)
    AND account_id = (SELECT account_id FROM statuses WHERE id = OLD.status_id);
  DELETE FROM tag_day_accounts
  WHERE tag = OLD.tag AND day = (SELECT created_at / 86400000 * 86400000 FROM statuses WHERE id = OLD.status_id)
    AND account_id = (SELECT account_id FROM statuses WHERE id = OLD.status_id) AND uses <= 0;
END;
)sql",
    // 17: the admin overview's federation health: per instance, the last delivery error and how many deliveries
    // were given up (dead); the failing instances, most failures first, read from an index.
    R"sql(
ALTER TABLE instances ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN dropped_deliveries INTEGER NOT NULL DEFAULT 0;
CREATE INDEX instances_failing ON instances (failures DESC, host) WHERE failures > 0;
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

std::string_view migration_sql(int version) {
    if (version < 1 || version > latest_schema_version()) return {};
    return kMigrations[static_cast<std::size_t>(version - 1)];
}

int schema_version(Database& db) {
    return db.with_writer([](Connection& conn) { return conn.user_version(); });
}

void check_schema_not_newer(Database& db) {
    int current = schema_version(db);
    if (current > latest_schema_version()) {
        throw core::Error(core::Errc::unavailable,
                          "the database " + db.path() + " has schema version " + std::to_string(current) +
                              ", newer than this gesso understands (" + std::to_string(latest_schema_version()) +
                              "); it was written by a newer release. Install that release (or newer) again, or "
                              "restore the backup taken before the upgrade (docs/admin/backup.md). Migrations "
                              "only go forward.");
    }
}

int migrate(Database& db) {
    check_schema_not_newer(db);
    int applied = 0;
    db.with_writer([&](Connection& conn) {
        for (int version = conn.user_version(); version < latest_schema_version(); ++version) {
            Transaction tx(conn);
            conn.exec(kMigrations[static_cast<std::size_t>(version)]);
            conn.exec("PRAGMA user_version = " + std::to_string(version + 1));
            tx.commit();
            ++applied;
            GESSO_LOG(info) << "applied schema migration " << version + 1;
        }
    });
    return applied;
}

}  // namespace gesso::storage
