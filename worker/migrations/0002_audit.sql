-- Audit log of admin actions: who changed which setting, ruleset, role or contact, and when.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id TEXT,                 -- null for installation-wide actions
  actor_id TEXT,                -- user id, or null for the system
  actor_kind TEXT NOT NULL DEFAULT 'user', -- user | token | system
  action TEXT NOT NULL,         -- e.g. ruleset.publish, site.update, contact.merge
  target TEXT,                  -- what was acted on (an id)
  detail TEXT NOT NULL DEFAULT '{}', -- JSON: what changed (never secrets)
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_site ON audit_log(site_id, created_at);
