// Content sniffing for uploads: the stored type comes from the file's first bytes, never from the
// name or the declared Content-Type (both are the uploader's to forge). Pure, no I/O.

/** Types recognised from their magic numbers. */
const SIGNATURES: { type: string; at?: number; bytes: number[] }[] = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8(7|9)a
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "application/zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
];

/** Office documents are zip containers: a declared OOXML type is believed only when the bytes are a zip. */
const ZIP_BASED = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
]);

/** Plain-text flavours a declared type may refine `text/plain` to. */
const TEXT_FLAVOURS = new Set(["text/csv", "text/markdown"]);

function startsWith(head: Uint8Array, bytes: number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  return bytes.every((b, i) => head[at + i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

/** True when the bytes are UTF-8 text without control characters other than tab and line breaks. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  try {
    // A multi-byte character cut off at the end of the sample is fine; anything else invalid is not.
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of an upload from its first bytes (≥ 512 recommended). Markup (HTML, SVG, XML) is reported
 * as `text/plain` — it is served as text and as a download, so it can never run in our origin.
 */
export function sniffType(head: Uint8Array, declared = ""): string {
  const want = declared.toLowerCase().split(";")[0]!.trim();
  for (const s of SIGNATURES) {
    if (!startsWith(head, s.bytes, s.at)) continue;
    if (s.type === "application/zip" && ZIP_BASED.has(want)) return want;
    return s.type;
  }
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "image/webp";
  if (looksLikeText(head)) return TEXT_FLAVOURS.has(want) ? want : "text/plain";
  return "application/octet-stream";
}

/** Types a browser may show inline from /files/: raster images only (no SVG, no HTML, no PDF). */
export const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A file name safe to store and to put in a Content-Disposition header. */
export function sanitizeFileName(raw: string | null | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // Control characters, quotes and the characters Windows refuses are dropped.
  const clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return clean.slice(0, 160) || "file";
}
