// Outbound mail built with mimetext: CRLF line ends, UTF-8 text in base64, non-ASCII file names as
// RFC 2047 words, and the threading headers (Message-ID, In-Reply-To, References) mail clients use.

import { MIMEMessage, Mailbox, type EnvironmentContext } from "mimetext";
import type { OutboundFile } from "../types.ts";

const encoder = new TextEncoder();

function base64(text: string | Uint8Array): string {
  const bytes = typeof text === "string" ? encoder.encode(text) : text;
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Base64 in lines of 76 characters (RFC 2045). */
function wrapped(text: string | Uint8Array): string {
  return base64(text).replace(/.{76}(?=.)/g, "$&\r\n");
}

const ENV: EnvironmentContext = {
  toBase64: (v) => base64(v),
  toBase64WebSafe: (v) => base64(v).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
  eol: "\r\n",
  validateContentType: (v) => (/^[\w.+-]+\/[\w.+-]+$/.test(v) ? v : false),
};

/** A header-safe file name: ASCII as it is (quotes removed), anything else as an encoded word. */
function headerName(name: string): string {
  const clean = name.replace(/["\r\n\\]/g, "_");
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${base64(clean)}?=`;
}

export interface ComposeInput {
  from: { name: string; addr: string };
  to: string;
  replyTo: string;
  subject: string;
  messageId: string;
  /** Message-IDs of the thread, oldest first; the last one is what this mail answers. */
  references: string[];
  text: string;
  /** Files with bytes become attachments. */
  files: OutboundFile[];
  /** Bot messages are marked auto-replied (RFC 3834) so auto-responders do not answer them. */
  automated: boolean;
  date?: Date;
}

/** The raw RFC 5322 message. */
export function composeEmail(m: ComposeInput): string {
  const msg = new MIMEMessage(ENV);
  msg.setSender({ name: m.from.name, addr: m.from.addr });
  msg.setTo(m.to);
  msg.setHeader("Reply-To", new Mailbox(m.replyTo));
  msg.setSubject(m.subject);
  msg.setHeader("Message-ID", m.messageId);
  msg.setHeader("Date", (m.date ?? new Date()).toUTCString().replace(/GMT|UTC/, "+0000"));
  const refs = m.references.filter((r) => /^<[^<>\s]+>$/.test(r)).slice(-20);
  if (refs.length) {
    msg.setHeader("In-Reply-To", refs[refs.length - 1]!);
    msg.setHeader("References", refs.join(" "));
  }
  if (m.automated) msg.setHeader("Auto-Submitted", "auto-replied");
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: wrapped(m.text) });
  for (const f of m.files) {
    if (!f.bytes) continue;
    msg.addAttachment({ filename: headerName(f.name), contentType: ENV.validateContentType(f.type) || "application/octet-stream", data: wrapped(f.bytes) });
  }
  return msg.asRaw();
}
