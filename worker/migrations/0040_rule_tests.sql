-- Saved rules-simulator cases per site: a message in a context and what must happen. Every publish of
-- the site's ruleset runs them and is refused when one fails (issue 4).
CREATE TABLE rule_tests (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  message TEXT NOT NULL,                     -- JSON { text?, payload? }
  context TEXT NOT NULL DEFAULT '{}',        -- JSON, the simulator's context (channel, visitor, time, …)
  expect TEXT NOT NULL,                      -- JSON { actions?: partial actions, absent?: types, rules?: ids }
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
