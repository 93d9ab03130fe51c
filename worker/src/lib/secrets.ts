// Secrets at rest (identity secrets, channel tokens, webhook secrets): sealed with AES-GCM under a
// key derived (HKDF-SHA256) from the master PARLEY_SECRET, so a database copy alone reveals nothing.

import { fromBase64Url, toBase64Url } from "./crypto.ts";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function sealingKey(master: string): Promise<CryptoKey> {
  let key = keys.get(master);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(master), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: encoder.encode("parley/secrets/v1"), info: encoder.encode("seal") },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(master, key);
  }
  return key;
}

/** Seals a secret as `v1.<iv>.<ciphertext>` (base64url). */
export async function sealSecret(master: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await sealingKey(master), encoder.encode(plaintext));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/** Opens a sealed secret; null when it was sealed under another key or tampered with. */
export async function openSecret(master: string, sealed: string | null | undefined): Promise<string | null> {
  if (!sealed) return null;
  const [v, ivText, ctText] = sealed.split(".");
  const iv = fromBase64Url(ivText ?? "");
  const ct = fromBase64Url(ctText ?? "");
  if (v !== "v1" || !iv || !ct) return null;
  try {
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, await sealingKey(master), ct));
  } catch {
    return null;
  }
}
