-- Omnichannel (issue 9): channels (email, Telegram, WhatsApp, SMS, API), where each conversation is
-- answered, the inbound/outbound message log that dedupes provider deliveries, and outbound webhooks
-- with their delivery log.

-- A connected channel of a site. `address` is what routes inbound traffic to it when the provider does
-- not call a URL with the channel id in it (the email channel's address). Provider credentials and
-- the secrets we generate live sealed in `secrets` (lib/secrets.ts), never in clear.
CREATE TABLE channels (
  id TEXT PRIMARY KEY,                       -- ch_…, part of the provider webhook URL /channels/<kind>/<id>
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'telegram', 'whatsapp', 'sms', 'api')),
  name TEXT NOT NULL,
  address TEXT,                              -- email: the site's address (lower case); NULL otherwise
  config TEXT NOT NULL DEFAULT '{}',         -- JSON, non-secret settings (base URL, phone number id, …)
  secrets TEXT,                              -- sealed JSON of the secret settings
  enabled INTEGER NOT NULL DEFAULT 1,
  last_inbound_at INTEGER,
  last_outbound_at INTEGER,
  last_error TEXT,                           -- the latest delivery problem, for the channels page
  last_error_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX channels_site ON channels(site_id, created_at);
CREATE UNIQUE INDEX channels_address ON channels(kind, address) WHERE address IS NOT NULL;

-- Every message that crossed a channel: inbound (deduplicated by the provider's message id) and
-- outbound (delivered by an adapter), with the conversation and message it belongs to.
CREATE TABLE channel_messages (
  channel_id TEXT NOT NULL,                  -- a channels.id, or 'web' for nothing
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  provider_id TEXT NOT NULL,                 -- inbound: the provider's message id; outbound: ours / theirs
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER,                               -- the message in the conversation
  kind TEXT NOT NULL,                        -- the channel kind (email, telegram, …)
  address TEXT,                              -- who it came from / went to (email address, chat id, number)
  status TEXT NOT NULL DEFAULT 'ok',         -- ok | failed
  error TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (channel_id, direction, provider_id)
);
CREATE INDEX channel_messages_conversation ON channel_messages(conversation_id, created_at);

-- Where a conversation is answered outside the web: the channel and the customer's address on it,
-- plus what threading needs (email: subject and the Message-IDs of the thread).
CREATE TABLE conversation_routes (
  conversation_id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  address TEXT NOT NULL,                     -- email address, Telegram chat id, WhatsApp / phone number, external user id
  thread TEXT NOT NULL DEFAULT '{}',         -- JSON: { subject?, references?: [message-id…] }
  updated_at INTEGER NOT NULL
);
CREATE INDEX conversation_routes_channel ON conversation_routes(channel_id);

-- Outbound webhooks (Standard Webhooks): where events go and which ones.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,                       -- wh_…
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL DEFAULT '[]',         -- JSON list of event types; empty = every event
  secret TEXT NOT NULL,                      -- sealed `whsec_…`
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhooks_site ON webhooks(site_id, created_at);

-- One row per event per webhook: the delivery log the admin shows (retries update it).
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,                       -- msg_… (the `webhook-id` header: receivers dedupe by it)
  webhook_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,                     -- the JSON body as sent
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,                       -- HTTP status of the latest attempt (NULL: no answer)
  last_error TEXT,
  next_attempt_at INTEGER,                   -- while pending
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, created_at);
CREATE INDEX webhook_deliveries_site ON webhook_deliveries(site_id, created_at);

-- Every attempt of a delivery: the response code (or the network error) and how long it took.
CREATE TABLE webhook_attempts (
  delivery_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
