-- Reports (issue 8): covering indexes so every report query reads a site's conversations in a time
-- window straight from one index (no row look-ups), and the CSAT answers of that window likewise.

-- Cohort scans: site + created_at range, with every column the report figures use.
CREATE INDEX conversations_reports ON conversations(
  site_id, created_at, channel, team, assignee_id, handoff_at, first_response_at, resolved_at,
  sla_breached, sla_first_response_breached, sla_resolution_breached, labels
);

-- CSAT answers of a site from a time on (an answer is never older than its conversation).
CREATE INDEX csat_reports ON csat_responses(site_id, created_at, conversation_id, agent_id, rating);
