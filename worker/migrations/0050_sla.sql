-- SLA policies (issue 5) and the SLA state of each conversation in the index.
-- A site without rows here uses the defaults in worker/src/db/sla.ts. Durations are whole minutes.

-- Targets per priority, for ordinary conversations ('standard') and complaints ('complaint').
-- NULL = no target for that priority.
CREATE TABLE sla_targets (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('standard', 'complaint')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  first_response_minutes INTEGER,
  resolution_minutes INTEGER,
  PRIMARY KEY (site_id, kind, priority)
);

-- The rest of a site's policy: warning lead time, inactivity auto-resolve, follow-up (回访).
CREATE TABLE sla_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  warning_minutes INTEGER NOT NULL,
  inactivity_enabled INTEGER NOT NULL,
  inactivity_minutes INTEGER NOT NULL,
  follow_up_enabled INTEGER NOT NULL,
  follow_up_delay_minutes INTEGER NOT NULL,
  follow_up_message TEXT NOT NULL,          -- JSON: a string or { locale: text }
  updated_by TEXT,
  updated_at INTEGER NOT NULL
);

-- Kept current by each Conversation Durable Object, for countdowns, lists and SLA reports.
ALTER TABLE conversations ADD COLUMN sla_first_response_due INTEGER;   -- ms; NULL once met / no target
ALTER TABLE conversations ADD COLUMN sla_resolution_due INTEGER;       -- ms; NULL once resolved / paused / no target
ALTER TABLE conversations ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;               -- any target ever breached
ALTER TABLE conversations ADD COLUMN sla_first_response_breached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN sla_resolution_breached INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conversations_site_sla ON conversations(site_id, sla_breached, created_at);
