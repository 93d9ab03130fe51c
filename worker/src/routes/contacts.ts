// Contacts (客户档案): list and search (/api/v1/sites/:site/contacts), create, profile with every
// conversation (/api/v1/contacts/:id), edit, merge, export and erase.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { actorOf, requireRole } from "../auth/middleware.ts";
import { eraseContact } from "../contacts/erase.ts";
import { exportContact } from "../contacts/export.ts";
import { mergeContacts } from "../contacts/merge.ts";
import { audit } from "../db/audit.ts";
import {
  contactSite,
  createContactRecord,
  editContact,
  getContactProfile,
  identityConflicts,
  listContacts,
  type ContactEdit,
  type ContactProfile,
} from "../db/contact-records.ts";
import { listContactConversations } from "../db/conversations.ts";
import type { Role } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { contactChanged } from "../inbox/notify.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { ContactEditInput, ContactListQuery, EraseQuery, MergeInput } from "../schemas/contact.ts";
import { ContactListItemSchema, ContactProfileSchema, ConversationSummarySchema, listOf } from "../schemas/responses.ts";

export const contactRoutes = new Hono<AppEnv>();

/** Loads a contact and checks the caller's role on its site (403 for another site's contact). */
async function contactFor(c: Context<AppEnv>, min: Role, id = c.req.param("id") ?? ""): Promise<ContactProfile> {
  const where = await contactSite(c.env.DB, id);
  if (!where || where.erased) throw new AppError(404, "not_found", "No such contact.");
  requireRole(c.get("user"), where.siteId, min);
  return (await getContactProfile(c.env.DB, id))!;
}

/** Refuses an edit whose email/phone/external id another contact already has (409 naming the field). */
async function checkIdentities(db: D1Database, siteId: string, contactId: string | null, e: ContactEdit): Promise<void> {
  const wanted = [
    ...(e.emails ?? []).map((value, i) => ({ kind: "email", value, field: `emails.${i}` })),
    ...(e.phones ?? []).map((value, i) => ({ kind: "phone", value, field: `phones.${i}` })),
    ...(e.externalId ? [{ kind: "external", value: e.externalId, field: "externalId" }] : []),
  ];
  const [clash] = await identityConflicts(db, siteId, contactId, wanted);
  if (!clash) return;
  const field = wanted.find((w) => w.kind === clash.kind && w.value === clash.value)!.field;
  throw new AppError(409, "identity_taken", `${field}: contact ${clash.contactId} already has ${clash.value}. Merge the two contacts instead.`, { field });
}

const Profile = z.object({ contact: ContactProfileSchema, conversations: z.array(ConversationSummarySchema) });

async function profileBody(c: Context<AppEnv>, contact: ContactProfile) {
  return { contact, conversations: await listContactConversations(c.env.DB, contact.id) };
}

endpoint(
  contactRoutes,
  {
    method: "get",
    path: "/sites/:site/contacts",
    tag: "Contacts",
    summary: "List and search contacts",
    access: "user",
    role: "agent",
    query: ContactListQuery,
    responses: { 200: { description: "Most recently updated first", schema: listOf(ContactListItemSchema, true) } },
  },
  async (c, { query }) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "agent");
    const q = query.q?.trim();
    return c.json(
      await listContacts(c.env.DB, site, {
        ...(q ? { q } : {}),
        ...(query.tier ? { tier: query.tier } : {}),
        ...(query.known === "1" ? { known: true } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    );
  },
);

endpoint(
  contactRoutes,
  {
    method: "post",
    path: "/sites/:site/contacts",
    tag: "Contacts",
    summary: "Create a contact by hand",
    access: "user",
    role: "agent",
    body: ContactEditInput,
    responses: { 201: { description: "The new contact", schema: Profile } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "agent");
    await checkIdentities(c.env.DB, site, null, body);
    const id = await createContactRecord(c.env.DB, site, body);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "contact.create", target: id });
    return c.json(await profileBody(c, (await getContactProfile(c.env.DB, id))!), 201);
  },
);

endpoint(
  contactRoutes,
  {
    method: "get",
    path: "/contacts/:id",
    tag: "Contacts",
    summary: "A contact's profile and every conversation on every channel",
    access: "user",
    role: "agent",
    responses: { 200: { description: "Profile", schema: Profile } },
  },
  async (c) => c.json(await profileBody(c, await contactFor(c, "agent"))),
);

endpoint(
  contactRoutes,
  {
    method: "patch",
    path: "/contacts/:id",
    tag: "Contacts",
    summary: "Edit a contact",
    access: "user",
    role: "agent",
    body: ContactEditInput,
    responses: { 200: { description: "Profile", schema: Profile }, 409: "An email/phone/external id belongs to another contact" },
  },
  async (c, { body }) => {
    const contact = await contactFor(c, "agent");
    await checkIdentities(c.env.DB, contact.siteId, contact.id, body);
    await editContact(c.env.DB, contact.siteId, contact.id, body);
    // Field names only: the audit log must not become a second copy of personal data.
    await audit(c.env.DB, { siteId: contact.siteId, ...actorOf(c), action: "contact.update", target: contact.id, detail: { changed: Object.keys(body) } });
    await contactChanged(c.env, contact.siteId, contact.id);
    return c.json(await profileBody(c, (await getContactProfile(c.env.DB, contact.id))!));
  },
);

endpoint(
  contactRoutes,
  {
    method: "post",
    path: "/contacts/:id/merge",
    tag: "Contacts",
    summary: "Merge another contact into this one",
    description:
      "`otherId`'s identities (web visitors, emails, phones, external ids) and conversations move here; empty fields are filled from it, attributes are combined (this contact wins on a clash), notes are joined, the higher tier is kept. Then `otherId` is gone.",
    access: "user",
    role: "admin",
    body: MergeInput,
    responses: { 200: { description: "The merged profile", schema: Profile } },
  },
  async (c, { body }) => {
    const survivor = await contactFor(c, "admin");
    if (body.otherId === survivor.id) throw new AppError(400, "invalid", "otherId: a contact cannot be merged with itself.", { field: "otherId" });
    const other = await getContactProfile(c.env.DB, body.otherId);
    if (!other || other.siteId !== survivor.siteId) throw new AppError(400, "invalid", "otherId: no such contact on this site.", { field: "otherId" });
    const moved = await mergeContacts(c.env, survivor, other);
    await audit(c.env.DB, {
      siteId: survivor.siteId,
      ...actorOf(c),
      action: "contact.merge",
      target: survivor.id,
      detail: { merged: other.id, conversations: moved.conversations },
    });
    await contactChanged(c.env, survivor.siteId, survivor.id);
    return c.json(await profileBody(c, (await getContactProfile(c.env.DB, survivor.id))!));
  },
);

endpoint(
  contactRoutes,
  {
    method: "get",
    path: "/contacts/:id/export",
    tag: "Contacts",
    summary: "Export a contact and every conversation as JSON",
    access: "user",
    role: "admin",
    responses: { 200: "The export document (a download)" },
  },
  async (c) => {
    const contact = await contactFor(c, "admin");
    const doc = await exportContact(c.env, contact);
    await audit(c.env.DB, { siteId: contact.siteId, ...actorOf(c), action: "contact.export", target: contact.id });
    c.header("Content-Disposition", `attachment; filename="contact-${contact.id}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(doc);
  },
);

endpoint(
  contactRoutes,
  {
    method: "delete",
    path: "/contacts/:id",
    tag: "Contacts",
    summary: "Erase a contact",
    description:
      "Cannot be undone: `?confirm=` must repeat the contact id. Visitor messages are replaced by `[erased]`, every attachment file is deleted, identities and profile data go. The anonymised conversations remain for reports.",
    access: "user",
    role: "admin",
    query: EraseQuery,
    responses: { 200: { description: "Erased", schema: z.object({ ok: z.literal(true), conversations: z.number().int(), files: z.number().int() }) } },
  },
  async (c, { query }) => {
    const contact = await contactFor(c, "admin");
    if (query.confirm !== contact.id) throw new AppError(400, "invalid", "confirm: repeat the contact's id to confirm the erase.", { field: "confirm" });
    const r = await eraseContact(c.env, contact.id);
    await audit(c.env.DB, { siteId: contact.siteId, ...actorOf(c), action: "contact.erase", target: contact.id, detail: r });
    await contactChanged(c.env, contact.siteId, contact.id);
    return c.json({ ok: true, ...r });
  },
);
