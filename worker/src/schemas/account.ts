// Request schemas for sign-in and the account: login, password change, second factor, tokens, invitations.

import { z } from "@hono/zod-openapi";
import { Email, NewPassword, PersonName, Role } from "./common.ts";

const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app");

export const LoginInput = z
  .object({
    email: z.string("Enter your email address.").trim().min(1, "Enter your email address.").max(254, "Enter your email address."),
    password: z.string("Enter your password.").min(1, "Enter your password.").max(1024, "Enter your password."),
    code: z.string().max(20).optional().openapi({ description: "The 6-digit TOTP code, for accounts with a second factor." }),
  })
  .openapi("Login");

export const PasswordChangeInput = z.strictObject({ current: z.string().min(1, "Enter your current password.").max(1024), next: NewPassword });

export const TotpEnableInput = z.strictObject({ code: TotpCode });
export const TotpDisableInput = z.strictObject({ password: z.string().min(1, "Enter your password.").max(1024), code: TotpCode });

export const TokenCreateInput = z
  .strictObject({
    site: z.string().min(1).max(64),
    name: z.string().trim().min(1, "must not be empty").max(80),
    role: z.enum(["admin", "agent"]).default("agent"),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi("TokenCreate");

export const InvitationCreateInput = z.strictObject({ email: Email, role: Role.default("agent") }).openapi("InvitationCreate");

export const InvitationAcceptInput = z
  .strictObject({
    name: PersonName.optional().openapi({ description: "Needed when the email has no account yet." }),
    password: z.string().min(1, "Enter a password.").max(200),
  })
  .openapi("InvitationAccept");

export const MemberPatchInput = z
  .strictObject({ role: Role, capacity: z.number().int().min(0, "must be 0 or more").max(100, "must be at most 100") })
  .partial()
  .openapi("MemberPatch");
