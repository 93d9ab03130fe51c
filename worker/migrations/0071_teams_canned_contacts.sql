-- Teams, canned replies and contact records (issue 7).

-- Auto-assignment per team: round_robin | least_busy | manual; NULL = the site's default (sites.assignment).
-- Capacity stays per agent per site (memberships.capacity).
ALTER TABLE teams ADD COLUMN assignment TEXT;

CREATE TABLE canned_replies (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,                    -- typed as /shortcut in the console
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,                        -- may hold variables: {{contact.name}}, {{agent.name}}, …
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (site_id, shortcut)
);

-- Agents' notes about a contact, and erasure: an erased contact keeps its id (its anonymised
-- conversations still point at it) but nothing that identifies a person.
ALTER TABLE contacts ADD COLUMN notes TEXT;
ALTER TABLE contacts ADD COLUMN erased_at INTEGER;

CREATE INDEX audit_log_site_id ON audit_log(site_id, id);
