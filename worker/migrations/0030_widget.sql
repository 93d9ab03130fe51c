-- Widget (issue 3): visitor attachments, satisfaction answers, and conversations that continue by
-- email after the offline form.

-- Files uploaded to R2 through the worker. The id is unguessable: /files/<id>/<name> serves it.
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,                 -- 'visitor' or 'agent:<user id>'
  name TEXT NOT NULL,                        -- sanitised file name
  type TEXT NOT NULL,                        -- the type sniffed from the bytes, never the declared one
  size INTEGER NOT NULL,
  r2_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_conversation ON attachments(conversation_id);
CREATE INDEX attachments_site ON attachments(site_id, created_at);

-- One satisfaction answer per resolution of a conversation (a reopened and re-resolved
-- conversation may be rated again). Reports aggregate this table; csat.submitted webhooks carry a row.
CREATE TABLE csat_responses (
  conversation_id TEXT NOT NULL,
  resolved_at INTEGER NOT NULL,              -- which resolution the answer is about
  site_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  agent_id TEXT,                             -- the assignee when it was resolved
  team TEXT,
  channel TEXT NOT NULL DEFAULT 'web',
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, resolved_at)
);
CREATE INDEX csat_site_created ON csat_responses(site_id, created_at);
CREATE INDEX csat_agent ON csat_responses(agent_id, created_at);

-- The latest rating on the conversation's index row, for lists and per-conversation reports.
ALTER TABLE conversations ADD COLUMN csat_rating INTEGER;
ALTER TABLE conversations ADD COLUMN csat_at INTEGER;

-- Conversations started from the offline form: answer them by email (the channels work sends it).
CREATE TABLE continue_by_email (
  conversation_id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  email TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX continue_by_email_site ON continue_by_email(site_id, created_at);
