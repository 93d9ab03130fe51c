// Mail no person wrote, which must never reach a conversation (or be answered, which could loop):
// auto-replies (RFC 3834 `Auto-Submitted`, `Precedence`, vendor headers, out-of-office subjects in
// English and Chinese), bounces (null sender, mailer-daemon, RFC 3464 delivery reports) and list mail.

export type AutomatedReason = "auto-reply" | "bounce" | "list";

const OUT_OF_OFFICE =
  /^\s*(auto(matic)?[ -]?(reply|response|answer)|out of (the )?office|away from (the )?office|on vacation|自动回复|自動回覆|自动答复|自動回復|休假自动回复|不在办公室)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce[s]?|no-?reply-bounce)@/i;

/** Why a message is automated, from its headers and envelope sender; null for mail a person wrote. */
export function automatedReason(headers: Headers, envelopeFrom: string, subject = ""): AutomatedReason | null {
  const from = envelopeFrom.trim().replace(/^<|>$/g, "");
  if (!from || DAEMON.test(from)) return "bounce";
  const contentType = (headers.get("content-type") ?? "").toLowerCase();
  if (contentType.startsWith("multipart/report") || headers.has("x-failed-recipients")) return "bounce";
  const auto = (headers.get("auto-submitted") ?? "").trim().toLowerCase();
  if (auto && auto !== "no") return "auto-reply";
  const precedence = (headers.get("precedence") ?? "").trim().toLowerCase();
  if (precedence === "bulk" || precedence === "junk" || precedence === "auto_reply") return "auto-reply";
  if (precedence === "list" || headers.has("list-id") || headers.has("list-unsubscribe")) return "list";
  if (headers.has("x-autoreply") || headers.has("x-autorespond") || headers.has("x-autoresponse")) return "auto-reply";
  if (OUT_OF_OFFICE.test(subject)) return "auto-reply";
  return null;
}
