// Signed per-conversation reply addresses: `support+<conversation>.<expiry>.<signature>@domain`.
// A reply to one lands in that conversation without trusting any header the sender controls; the
// signature (HMAC under PARLEY_SECRET) cannot be forged and the address stops working after it expires.

import { hmacSha256, timingSafeEqual } from "../../lib/crypto.ts";

/** How long a reply address works. After that, mail to it is routed like mail to the plain address. */
export const REPLY_ADDRESS_TTL_MS = 60 * 24 * 3600_000;
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
const CONVERSATION = /^[0-9a-z]{26}$/;

function base32(bytes: Uint8Array, chars: number): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

async function signature(secret: string, conversationId: string, expires: string): Promise<string> {
  // 13 base32 characters = 65 bits: enough against guessing, short enough for a 64-character local part.
  return base32(await hmacSha256(secret, `parley/reply-address/v1:${conversationId}:${expires}`), 13);
}

/** Splits `local+tag@domain` into the plain address and the tag. */
export function splitAddress(address: string): { base: string; tag: string | null } {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  if (at < 1) return { base: a, tag: null };
  const local = a.slice(0, at);
  const plus = local.indexOf("+");
  return plus < 0 ? { base: a, tag: null } : { base: `${local.slice(0, plus)}${a.slice(at)}`, tag: local.slice(plus + 1) || null };
}

/** The reply address for a conversation on a channel's address. */
export async function replyAddress(secret: string, channelAddress: string, conversationId: string, now = Date.now()): Promise<string> {
  const { base } = splitAddress(channelAddress);
  const at = base.lastIndexOf("@");
  const body = conversationId.replace(/^c_/, "");
  const expires = Math.floor((now + REPLY_ADDRESS_TTL_MS) / 1000).toString(36);
  return `${base.slice(0, at)}+${body}.${expires}.${await signature(secret, conversationId, expires)}${base.slice(at)}`;
}

/** The conversation a reply-address tag names, if its signature holds and it has not expired. */
export async function verifyReplyTag(
  secret: string,
  tag: string,
  now = Date.now(),
): Promise<{ conversationId: string } | { invalid: "format" | "signature" | "expired" }> {
  const [body, expires, sig, ...rest] = tag.split(".");
  if (rest.length || !body || !expires || !sig || !CONVERSATION.test(body) || !/^[0-9a-z]{1,10}$/.test(expires)) return { invalid: "format" };
  const conversationId = `c_${body}`;
  if (!timingSafeEqual(sig, await signature(secret, conversationId, expires))) return { invalid: "signature" };
  if (parseInt(expires, 36) * 1000 < now) return { invalid: "expired" };
  return { conversationId };
}
