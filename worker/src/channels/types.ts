// The one channel adapter interface: inbound provider payload → normalised inbound messages (or a
// clear refusal); outbound reply → the provider's request. Adding a channel means adding one adapter.

import type { Attachment, QuickReply } from "../../../protocol/src/types.ts";

export const CHANNEL_KINDS = ["email", "telegram", "whatsapp", "sms", "api"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How a contact is recognised (the `kind` column of contact_identities). */
export type IdentityKind = "visitor" | "email" | "phone" | "external" | "telegram" | "whatsapp";

/** A channel as the worker uses it: its settings with the secrets opened. */
export interface ChannelRecord {
  id: string;
  siteId: string;
  kind: ChannelKind;
  name: string;
  /** Email: the site's address. */
  address: string | null;
  /** Non-secret settings (base URL, phone number id, account sid, public origin…). */
  config: Record<string, string>;
  /** Opened secrets (bot token, app secret, generated webhook secrets…). */
  secrets: Record<string, string>;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

/** An identity a message carries. `verified`: the provider (or our own signature) vouches for it. */
export interface InboundIdentity {
  kind: IdentityKind;
  value: string;
  verified: boolean;
}

/** A file of an inbound message: bytes in hand, or a provider reference the adapter can fetch. */
export type InboundFile = { name: string; type: string; bytes: Uint8Array } | { name: string; type: string; ref: string };

/** The normalised inbound message every adapter produces. */
export interface InboundMessage {
  /** The provider's message id: a redelivery with the same id is stored once. */
  providerId: string;
  /** Where replies go on this channel: email address, Telegram chat id, phone number, external user id. */
  address: string;
  /** The identity that recognises the sender. */
  identity: InboundIdentity;
  /** Further identities the message claims (an API channel user's email, a Telegram user's phone…). */
  extraIdentities?: InboundIdentity[];
  name?: string;
  text: string;
  /** A pressed button's payload (Telegram inline keyboard, WhatsApp reply button). */
  payload?: string;
  files: InboundFile[];
  locale?: string;
  /** The conversation the message explicitly belongs to (a signed email reply address, the API's field). */
  conversationId?: string;
  /** Email threading: subject and Message-IDs of the message. */
  thread?: { subject?: string; messageId?: string; references?: string[] };
}

/** What parsing a provider payload gave: messages (possibly none: a status callback), or a refusal. */
export type InboundParse = { ok: true; messages: InboundMessage[] } | { ok: false; code: string; message: string };

/** A file to send out: metadata, a public link, and the bytes when they could be read from R2. */
export interface OutboundFile extends Attachment {
  /** Absolute URL where the provider (or the customer) can fetch it. */
  link: string | null;
  bytes: Uint8Array | null;
}

/** A reply to deliver on a channel. */
export interface OutboundMessage {
  conversationId: string;
  seq: number;
  /** The customer's address on the channel (see InboundMessage.address). */
  to: string;
  text: string;
  author: "agent" | "bot";
  authorName: string | null;
  quickReplies: QuickReply[];
  files: OutboundFile[];
  /** Email: threading and the signed reply address. */
  thread: { subject?: string; references?: string[] };
  locale: string;
  siteName: string;
}

/** A provider refused or failed: `permanent` errors are not retried (bad credentials, bad recipient). */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly status: number | null;

  constructor(message: string, permanent: boolean, status: number | null = null) {
    super(message);
    this.permanent = permanent;
    this.status = status;
  }
}

/** The result of the admin's "test" button. */
export interface TestResult {
  ok: boolean;
  detail: string;
}

/** Inbound over HTTP (provider webhooks under /channels/<kind>/<id>). */
export interface HttpInbound {
  /** Checks the provider's signature over the raw body (text and bytes). False → 401 and nothing is stored. */
  verify(req: Request, raw: string, ch: ChannelRecord, bytes: Uint8Array): Promise<boolean>;
  /** Parses the (verified) payload. Never throws. */
  parse(raw: string, req: Request, ch: ChannelRecord): InboundParse;
  /** Fetches a file the payload referred to; null when it cannot be had. */
  fetchFile?(ref: string, ch: ChannelRecord): Promise<{ bytes: Uint8Array; type: string } | null>;
  /** After the messages are stored: what the provider wants acknowledged (Telegram button presses). Best effort. */
  afterStore?(raw: string, ch: ChannelRecord): Promise<void>;
  /** The body the provider expects in answer (Twilio: TwiML); default `{ ok: true }` JSON. */
  answer?(): Response;
  /** Answers a provider's GET handshake (WhatsApp's verify challenge); null → 403. */
  challenge?(url: URL, ch: ChannelRecord): Response | null;
}

export interface ChannelAdapter {
  kind: ChannelKind;
  /** Inbound over HTTP; absent for email (the worker's email() handler receives it). */
  inbound?: HttpInbound;
  /** False when the channel has nowhere to send replies (an inbound-only API channel): nothing is sent. */
  sends?(ch: ChannelRecord): boolean;
  /** Sends one reply. Throws DeliveryError; returns the provider's message id. */
  send(out: OutboundMessage, ch: ChannelRecord, env: Env): Promise<{ providerId: string }>;
  /** Checks the credentials with the provider (the admin's "test" button). */
  test(ch: ChannelRecord, ctx: { userEmail: string; env: Env }): Promise<TestResult>;
  /** Registers our webhook URL with the provider where its API allows (Telegram setWebhook). */
  connect?(ch: ChannelRecord, webhookUrl: string): Promise<TestResult>;
}
