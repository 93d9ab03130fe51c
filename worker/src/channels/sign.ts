// HMAC over raw bytes for provider signatures (WhatsApp: SHA-256 hex of the body; Twilio: SHA-1
// base64 of URL + sorted form parameters). lib/crypto.ts covers the string/SHA-256 case we sign ourselves.

import { toHex } from "../lib/crypto.ts";

const encoder = new TextEncoder();

export async function hmac(hash: "SHA-1" | "SHA-256", key: string, data: Uint8Array | string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash }, false, ["sign"]);
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, bytes));
}

export async function hmacHex(hash: "SHA-1" | "SHA-256", key: string, data: Uint8Array | string): Promise<string> {
  return toHex(await hmac(hash, key, data));
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
