// Invitations by email: where a site has an email channel, the invitation link is also mailed to the
// invitee from the channel's address (the admin shows the link either way, to copy and send by hand).

import { EmailMessage } from "cloudflare:email";
import { firstEnabledChannel } from "../../db/channels.ts";
import { composeEmail } from "./compose.ts";

/** What the admin is told: mailed, or why not. */
export type InvitationMailResult = { sent: true; from: string } | { sent: false; reason: string };

/** The invitation mail (plain text, English and Chinese: the invitee's language is not known yet). */
export function invitationMail(input: { from: string; fromName: string; to: string; siteName: string; inviter: string; role: string; link: string }): string {
  const domain = input.from.split("@")[1] ?? "parley.invalid";
  return composeEmail({
    from: { name: input.fromName, addr: input.from },
    to: input.to,
    replyTo: input.from,
    subject: `${input.inviter} invited you to ${input.siteName} on Parley / 邀请您加入 ${input.siteName}`.replace(/[\r\n]+/g, " "),
    messageId: `<invite.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}@${domain}>`,
    references: [],
    text: [
      `${input.inviter} invited you to answer customers of ${input.siteName} as ${input.role}.`,
      `Open this link to choose your password and join (it works once and expires in 7 days):`,
      input.link,
      `${input.inviter} 邀请您以 ${input.role} 身份加入 ${input.siteName}，接待客户。`,
      `打开上面的链接设置密码即可加入（仅可使用一次，7 天内有效）。`,
      `If you did not expect this, ignore this email. / 如非本人操作，请忽略此邮件。`,
    ].join("\n\n"),
    files: [],
    automated: true,
  });
}

/** Mails the invitation link from the site's first enabled email channel, if it has one. Never throws. */
export async function mailInvitation(
  env: Env,
  input: { siteId: string; siteName: string; to: string; inviter: string; role: string; link: string },
): Promise<InvitationMailResult> {
  try {
    const ch = await firstEnabledChannel(env.DB, input.siteId, "email");
    if (!ch?.address) return { sent: false, reason: "The site has no email channel: copy the link and send it yourself." };
    const raw = invitationMail({ ...input, from: ch.address, fromName: ch.config.fromName || input.siteName || ch.address });
    await env.EMAIL.send(new EmailMessage(ch.address, input.to, raw));
    return { sent: true, from: ch.address };
  } catch (e) {
    return { sent: false, reason: `The email could not be sent (${e instanceof Error ? e.message : String(e)}): copy the link and send it yourself.` };
  }
}
