-- Accounts (issue 7): second factor, invitations, API tokens and login rate limiting.

-- TOTP (RFC 6238). Secrets are sealed with PARLEY_SECRET (lib/secrets.ts), never stored in clear.
ALTER TABLE users ADD COLUMN totp_secret TEXT;              -- sealed; set = the second factor is on
ALTER TABLE users ADD COLUMN totp_pending TEXT;             -- sealed; during enrolment, until a code confirms it
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0; -- last accepted time step: a code works once
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

-- Invitations by one-time link. Only the SHA-256 of the link's token is stored.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_by TEXT,
  revoked_at INTEGER
);
CREATE INDEX invitations_site ON invitations(site_id, created_at);

-- API tokens for programs: scoped to one site, acting with at most their creator's role there.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, -- who created it; the token acts for them
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  token_hash TEXT NOT NULL UNIQUE,                             -- SHA-256 of the token; the token itself is shown once
  prefix TEXT NOT NULL,                                        -- first characters, so people can recognise a token
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_site ON api_tokens(site_id, created_at);

-- Failed sign-ins per key (`email:<address>`, `ip:<address>`) in a fixed window.
CREATE TABLE login_attempts (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL
);
