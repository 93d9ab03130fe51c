-- Full-text search for the agent console (issue 6): message text and contacts, with SQLite FTS5.
-- The trigram tokenizer indexes every run of three characters, so a search matches anywhere inside a
-- word: Chinese (which has no spaces: 退款 inside 我想退款), order numbers (12345 inside A12345) and
-- English alike. Terms shorter than three characters cannot use a trigram index; db/search.ts matches
-- them with LIKE on the folded text of the site's rows instead. Text is stored folded (NFKC width,
-- lower case, punctuation runs as one space: protocol/src/text-fold.ts) next to the original.

-- One row per searchable message (visitor, bot and agent messages and private notes; not system
-- events), written by each Conversation Durable Object through its outbox. `id` is the FTS rowid.
CREATE TABLE message_index (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  author TEXT NOT NULL,                      -- visitor | bot | agent
  author_id TEXT,                            -- the agent, for agent messages and notes
  private INTEGER NOT NULL DEFAULT 0,        -- 1 = a private note (agents only)
  text TEXT NOT NULL,                        -- as written (for snippets)
  folded TEXT NOT NULL,                      -- what is matched
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq)
);
CREATE INDEX message_index_site ON message_index(site_id, created_at);

CREATE VIRTUAL TABLE message_fts USING fts5(folded, content = 'message_index', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER message_index_ai AFTER INSERT ON message_index BEGIN
  INSERT INTO message_fts (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER message_index_ad AFTER DELETE ON message_index BEGIN
  INSERT INTO message_fts (message_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER message_index_au AFTER UPDATE OF folded ON message_index BEGIN
  INSERT INTO message_fts (message_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
  INSERT INTO message_fts (rowid, folded) VALUES (new.id, new.folded);
END;

-- Contacts: one searchable text per contact (name, email, phone, external id, notes, attributes and
-- the emails/phones/ids of its identities), kept current by triggers on contacts and identities.
-- An erased contact's text is empty. Lower-cased here; the trigram tokenizer folds case as well.
CREATE TABLE contact_search (
  id INTEGER PRIMARY KEY,
  contact_id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX contact_search_site ON contact_search(site_id);

CREATE VIRTUAL TABLE contact_fts USING fts5(body, content = 'contact_search', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER contact_search_ai AFTER INSERT ON contact_search BEGIN
  INSERT INTO contact_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER contact_search_ad AFTER DELETE ON contact_search BEGIN
  INSERT INTO contact_fts (contact_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER contact_search_au AFTER UPDATE OF body ON contact_search BEGIN
  INSERT INTO contact_fts (contact_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO contact_fts (rowid, body) VALUES (new.id, new.body);
END;

-- Each trigger writes the contact's searchable text out in full (SQLite triggers cannot share an expression).
-- (Trigger bodies are compiled when they fire, so they may name `notes` and `erased_at`, which 0071 adds.)
CREATE TRIGGER contacts_search_ai AFTER INSERT ON contacts BEGIN
  INSERT INTO contact_search (contact_id, site_id, body)
  SELECT new.id, new.site_id, lower(trim(coalesce(new.name, '') || ' ' || coalesce(new.email, '') || ' ' || coalesce(new.phone, '') || ' ' ||
         coalesce(new.external_id, '') || ' ' || coalesce(new.notes, '') || ' ' || coalesce(new.attributes, '')))
  ON CONFLICT (contact_id) DO UPDATE SET body = excluded.body;
END;
CREATE TRIGGER contacts_search_au AFTER UPDATE ON contacts BEGIN
  INSERT INTO contact_search (contact_id, site_id, body)
  SELECT new.id, new.site_id, CASE WHEN new.erased_at IS NOT NULL THEN '' ELSE lower(trim(
         coalesce(new.name, '') || ' ' || coalesce(new.email, '') || ' ' || coalesce(new.phone, '') || ' ' || coalesce(new.external_id, '') || ' ' ||
         coalesce(new.notes, '') || ' ' || coalesce(new.attributes, '') || ' ' ||
         coalesce((SELECT group_concat(i.value, ' ') FROM contact_identities i WHERE i.contact_id = new.id AND i.kind IN ('email', 'phone', 'external')), ''))) END
  ON CONFLICT (contact_id) DO UPDATE SET body = excluded.body;
END;
CREATE TRIGGER contacts_search_ad AFTER DELETE ON contacts BEGIN
  DELETE FROM contact_search WHERE contact_id = old.id;
END;
-- A new or moved identity: touch the contact so its text is rebuilt by contacts_search_au.
CREATE TRIGGER identities_search_ai AFTER INSERT ON contact_identities WHEN new.kind IN ('email', 'phone', 'external') BEGIN
  UPDATE contact_search SET body = coalesce((
    SELECT lower(trim(coalesce(c.name, '') || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' ' || coalesce(c.external_id, '') || ' ' ||
           coalesce(c.notes, '') || ' ' || coalesce(c.attributes, '') || ' ' ||
           coalesce((SELECT group_concat(i.value, ' ') FROM contact_identities i WHERE i.contact_id = c.id AND i.kind IN ('email', 'phone', 'external')), '')))
    FROM contacts c WHERE c.id = new.contact_id AND c.erased_at IS NULL), '')
  WHERE contact_id = new.contact_id;
END;

-- Contacts that exist already. Only the columns of 0001_init are read: on a fresh database this runs
-- before 0071 adds `notes` and `erased_at` (an erased contact has no name, email, phone or identities
-- left, so nothing of it is found; its notes are indexed at its next change).
INSERT INTO contact_search (contact_id, site_id, body)
SELECT c.id, c.site_id, lower(trim(
       coalesce(c.name, '') || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' ' || coalesce(c.external_id, '') || ' ' ||
       coalesce(c.attributes, '') || ' ' ||
       coalesce((SELECT group_concat(i.value, ' ') FROM contact_identities i WHERE i.contact_id = c.id AND i.kind IN ('email', 'phone', 'external')), '')))
FROM contacts c;
