// Canned replies: the variables a reply may contain and how they are filled in. Shared by the
// worker (validation), the admin (preview) and the console (insertion).

/** Variables a canned reply may use, written `{{contact.name}}`. */
export const CANNED_VARIABLES = ["contact.name", "contact.email", "contact.phone", "agent.name", "site.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Variables used in a text that are not in CANNED_VARIABLES (empty when all are known). */
export function unknownVariables(text: string): string[] {
  const bad = new Set<string>();
  for (const m of text.matchAll(VARIABLE)) if (!(CANNED_VARIABLES as readonly string[]).includes(m[1]!)) bad.add(m[1]!);
  return [...bad];
}

/**
 * Fills the variables in. A value that is missing or empty becomes `fallback` (default: nothing), so
 * "Hi {{contact.name}}," never shows braces to a customer.
 */
export function renderCanned(text: string, values: Partial<Record<CannedVariable, string | null | undefined>>, fallback = ""): string {
  return text.replace(VARIABLE, (_, name: string) => values[name as CannedVariable] || fallback);
}
