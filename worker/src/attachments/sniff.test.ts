// Unit tests of upload sniffing and file-name cleaning.

import { describe, expect, it } from "vitest";
import { sanitizeFileName, sniffType } from "./sniff.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffType", () => {
  it("recognises images and PDFs by their magic numbers, whatever was declared", () => {
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), "text/html")).toBe("image/png");
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0), "")).toBe("image/jpeg");
    expect(sniffType(text("GIF89a...."), "image/png")).toBe("image/gif");
    expect(sniffType(text("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), "")).toBe("image/webp");
    expect(sniffType(text("%PDF-1.7\n"), "image/png")).toBe("application/pdf");
  });

  it("treats markup as plain text so it can never render as a page or an SVG", () => {
    expect(sniffType(text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "image/svg+xml")).toBe("text/plain");
    expect(sniffType(text("<!doctype html><script>alert(1)</script>"), "text/html")).toBe("text/plain");
  });

  it("believes an office type only for zip bytes, and a text flavour only for text", () => {
    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    expect(sniffType(bytes(0x50, 0x4b, 0x03, 0x04, 1, 2), docx)).toBe(docx);
    expect(sniffType(text("not a zip"), docx)).toBe("text/plain");
    expect(sniffType(text("a,b\n1,2\n"), "text/csv")).toBe("text/csv");
    expect(sniffType(text("中文内容，没有问题"), "")).toBe("text/plain");
  });

  it("calls unknown binary data octet-stream", () => {
    expect(sniffType(bytes(0, 1, 2, 3, 255, 254), "image/png")).toBe("application/octet-stream");
    expect(sniffType(bytes(), "image/png")).toBe("application/octet-stream");
  });
});

describe("sanitizeFileName", () => {
  it("keeps the base name and drops paths, control characters and bidi overrides", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\photo.png")).toBe("photo.png");
    expect(sanitizeFileName('in"voice\u202egpj.exe')).toBe("invoicegpj.exe");
    expect(sanitizeFileName("  发票 2026.pdf ")).toBe("发票 2026.pdf");
    expect(sanitizeFileName("")).toBe("file");
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
    expect(sanitizeFileName("x".repeat(500))).toHaveLength(160);
  });
});
