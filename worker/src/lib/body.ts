// Reading request bodies with a hard size cap: refused as soon as the declared length or the bytes
// actually received pass the cap, so a chunked upload without Content-Length cannot fill memory.

/**
 * Reads a body, calling `tooLarge()` (which should return the error to throw) as soon as it passes
 * `max` bytes. An absent body reads as empty.
 */
export async function readBytesLimited(req: Request, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) (out.set(ch, at), (at += ch.byteLength));
  return out;
}
