-- Parley directory and index: sites, people, rules, contacts and the conversation index.
-- Times are integer milliseconds since the Unix epoch (UTC). JSON columns hold JSON text.

CREATE TABLE sites (
  id TEXT PRIMARY KEY,                       -- the site key used in the embed snippet
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',-- JSON array of origins; empty = any (development)
  settings TEXT NOT NULL DEFAULT '{}',       -- widget settings (accent, position, title, greeting, locale, forms…)
  timezone TEXT NOT NULL DEFAULT 'UTC',
  business_hours TEXT NOT NULL DEFAULT '{}', -- { weekly: { "1": [["09:00","18:00"]], … }, holidays: ["2026-12-25"] }
  identity_required INTEGER NOT NULL DEFAULT 0,
  anonymous_allowed INTEGER NOT NULL DEFAULT 1,
  identity_secret TEXT,                      -- HMAC secret for identify() (encrypted at rest)
  ruleset_version INTEGER NOT NULL DEFAULT 0,-- the published ruleset version (0 = none)
  assignment TEXT NOT NULL DEFAULT 'round_robin', -- round_robin | least_busy | manual
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,               -- pbkdf2-sha256$iterations$salt$hash (base64)
  avatar_url TEXT,
  locale TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
  capacity INTEGER NOT NULL DEFAULT 5,       -- conversations an agent takes at once
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,                  -- SHA-256 of the cookie value; the value itself is never stored
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE teams (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,                          -- slug used by rules ("support", "complaints")
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE team_members (
  site_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (site_id, team_id, user_id)
);

CREATE TABLE rulesets (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,                        -- the ruleset JSON as published
  created_by TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, version)
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT,
  email TEXT,
  phone TEXT,
  external_id TEXT,
  tier TEXT NOT NULL DEFAULT 'regular',      -- vip | key | regular
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_seen_at INTEGER
);
CREATE INDEX contacts_site ON contacts(site_id, updated_at);

-- How a contact is recognised: a web visitor id, an email, a phone, a Telegram id, an external user id…
CREATE TABLE contact_identities (
  site_id TEXT NOT NULL,
  kind TEXT NOT NULL,                        -- visitor | email | phone | external | telegram | whatsapp
  value TEXT NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  verified INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, kind, value)
);
CREATE INDEX contact_identities_contact ON contact_identities(contact_id);

-- One row per conversation, kept current by its Conversation Durable Object.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  contact_id TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'web',
  status TEXT NOT NULL DEFAULT 'bot',        -- bot | queued | assigned | pending | snoozed | resolved | closed
  priority TEXT NOT NULL DEFAULT 'normal',   -- low | normal | high | urgent
  team TEXT,
  assignee_id TEXT,
  labels TEXT NOT NULL DEFAULT '[]',
  last_message_text TEXT,
  last_message_author TEXT,
  last_message_at INTEGER,
  message_count INTEGER NOT NULL DEFAULT 0,
  bot_turns INTEGER NOT NULL DEFAULT 0,
  handoff_at INTEGER,
  first_response_at INTEGER,
  resolved_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX conversations_site_status ON conversations(site_id, status, updated_at);
CREATE INDEX conversations_site_created ON conversations(site_id, created_at);
CREATE INDEX conversations_assignee ON conversations(assignee_id, status);
CREATE INDEX conversations_contact ON conversations(contact_id, created_at);
