// The part of an email reply a person just wrote: quoted history ("On … wrote:", "在 … 写道：",
// "-----Original Message-----", "------------------ 原始邮件 ------------------", Outlook header blocks,
// trailing `>` quotes) and signatures ("-- ", "Sent from my iPhone", "发自我的iPhone") are cut.
// Written by hand: no maintained library does this for Chinese mail clients.

const ATTRIBUTION = [
  /^\s*On\b.{0,300}\bwrote:?\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:?\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb.{0,80}:?\s*$/i,
  /^\s*(在|於).{0,300}(写道|寫道)\s*[:：]?\s*$/,
  /^.{0,300}(于|於).{0,150}(写道|寫道)\s*[:：]?\s*$/,
];
const SEPARATOR = [
  /^\s*-{2,}\s*(Original Message|Forwarded message|Reply message|原始邮件|原始郵件|转发邮件|轉寄郵件|回复的原邮件)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
];
const HEADER_START = /^\s*\*?(From|发件人|發件人|寄件者|寄件人)\*?\s*[:：]/i;
const HEADER_NEXT = /^\s*\*?(Sent|Date|To|Subject|发送时间|日期|收件人|主题|時間|寄件日期|收件者|主旨)\*?\s*[:：]/i;
const SIGNOFF = [
  /^\s*(Sent|Get Outlook) (from|for) (my )?(iPhone|iPad|Android|Mail|Outlook|Samsung|Huawei|mobile|BlackBerry).*$/i,
  /^\s*Sent from .{1,40} for (Windows|Mac|iOS|Android).*$/i,
  /^\s*(发自|來自|来自|從|从)我的.{1,30}$/,
  /^\s*从我的.{1,20}发送$/,
  /^\s*发自(网易邮箱大师|QQ邮箱|企业微信|钉钉|WPS邮箱).*$/,
];

/** Where the quoted history starts (a line index), or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const joined = `${line} ${lines[i + 1] ?? ""}`;
    if (ATTRIBUTION.some((r) => r.test(line)) || (i + 1 < lines.length && ATTRIBUTION.some((r) => r.test(joined)))) return i;
    if (SEPARATOR.some((r) => r.test(line))) return i;
    if (HEADER_START.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_NEXT.test(l))) return i;
    // A `>` block that nothing new follows: the client quoted the whole history below the reply.
    if (/^\s*>/.test(line) && lines.slice(i).every((l) => /^\s*(>|$)/.test(l))) return i;
  }
  return -1;
}

/** Where the signature starts: the RFC 3676 delimiter `-- `, or sign-off lines at the end. */
function signatureStart(lines: string[]): number {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 20); i--) if (/^-- ?$/.test(lines[i]!)) return i;
  let end = lines.length;
  while (end > 0 && (lines[end - 1]!.trim() === "" || SIGNOFF.some((r) => r.test(lines[end - 1]!)))) end--;
  return end;
}

/** The new text of a reply; the whole text when cutting would leave nothing (a bare forward). */
export function visibleText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const q = quoteStart(lines);
  const body = q >= 0 ? lines.slice(0, q) : lines;
  const cut = body.slice(0, signatureStart(body));
  const out = cut
    .join("\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return out || text.replace(/\r\n?/g, "\n").trim();
}

/** Plain text from an HTML-only mail: block elements become line breaks, quotes become `>` lines. */
export function htmlToText(html: string): string {
  const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return html
    .replace(/<(head|style|script)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<blockquote\b[\s\S]*?<\/blockquote>/gi, (q) => `\n${q.replace(/<[^>]+>/g, "\n").replace(/^/gm, "> ")}\n`)
    .replace(/<div[^>]*class="?(gmail_quote|yahoo_quoted|moz-cite-prefix)[\s\S]*$/i, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return entities[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
