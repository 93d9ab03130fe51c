-- Security and abuse (issue 10): data retention per site. NULL keeps conversations for ever; N deletes
-- conversations that ended (resolved or closed) more than N days ago, with their attachments, on the
-- worker's schedule (worker/src/retention/). The conversations_site_status index serves the look-up.
ALTER TABLE sites ADD COLUMN retention_days INTEGER;
