// The Rules page's state: the published ruleset, the draft being edited (validated as you type with
// the same validator as the API), versions, saved test cases, and the actions that publish or restore.

import { computed, signal } from "@preact/signals";
import type { Ruleset, RulesetError, RuleTestCase, RuleTestResult } from "../../../protocol/src/ruleset.ts";
import { validateRuleset } from "../../../protocol/src/ruleset-validate.ts";
import { api, type ApiError } from "../api/client.ts";

export interface Version {
  version: number;
  published: boolean;
  createdByName: string | null;
  createdAt: number;
  rules: number;
}

/** The outcome of the last publish or restore attempt, for the status line. */
export type Outcome = { kind: "published" | "restored"; version: number } | { kind: "refused"; error: ApiError; tests?: RuleTestResult[] } | null;

export function createRulesModel(siteId: string) {
  const base = `/sites/${siteId}/rules`;
  const published = signal<{ version: number; ruleset: Ruleset } | null>(null);
  const teams = signal<string[]>([]);
  const draft = signal<Ruleset | null>(null);
  /** The JSON editor's text; it may not parse while the admin is typing. */
  const draftText = signal("");
  const jsonError = signal<string | null>(null);
  const versions = signal<Version[]>([]);
  const tests = signal<RuleTestCase[]>([]);
  const testResults = signal<RuleTestResult[] | null>(null);
  const outcome = signal<Outcome>(null);
  const loadError = signal<string | null>(null);
  const busy = signal(false);
  /** The version the draft started from (sent as `?base=` so concurrent edits are noticed). */
  const baseVersion = signal(0);

  const errors = computed<RulesetError[]>(() => {
    if (!draft.value) return [];
    const v = validateRuleset(draft.value, { teams: teams.value });
    return v.ok ? [] : v.errors;
  });
  const dirty = computed(() => !!draft.value && !!published.value && JSON.stringify(draft.value) !== JSON.stringify(published.value.ruleset));

  const setDraft = (r: Ruleset) => {
    draft.value = r;
    draftText.value = JSON.stringify(r, null, 2);
    jsonError.value = null;
  };

  const setDraftText = (text: string) => {
    draftText.value = text;
    try {
      draft.value = JSON.parse(text) as Ruleset;
      jsonError.value = null;
    } catch (e) {
      jsonError.value = (e as Error).message;
    }
  };

  const loadLists = async () => {
    const [v, t] = await Promise.all([api<{ items: Version[] }>(`${base}/versions`), api<{ items: RuleTestCase[] }>(`${base}/tests`)]);
    if (v.ok) versions.value = v.data.items;
    if (t.ok) tests.value = t.data.items;
  };

  const load = async () => {
    const r = await api<{ version: number; ruleset: Ruleset; teams: string[] }>(base);
    if (!r.ok && r.status === 404) {
      // Nothing published yet: start the draft from the starter ruleset (version 0 = none in force).
      const s = await api<{ ruleset: Ruleset; teams: string[] }>(`${base}/starter`);
      if (!s.ok) return void (loadError.value = s.error.message);
      published.value = { version: 0, ruleset: { settings: s.data.ruleset.settings, rules: [] } };
      teams.value = s.data.teams;
      baseVersion.value = 0;
      setDraft(structuredClone(s.data.ruleset));
      return loadLists();
    }
    if (!r.ok) return void (loadError.value = r.error.message);
    published.value = { version: r.data.version, ruleset: r.data.ruleset };
    teams.value = r.data.teams;
    baseVersion.value = r.data.version;
    setDraft(structuredClone(r.data.ruleset));
    await loadLists();
  };

  const refused = (error: ApiError & { details?: unknown }, status: number): Outcome =>
    status === 409 && error.code === "tests_failed" ? { kind: "refused", error, tests: error.details as RuleTestResult[] } : { kind: "refused", error };

  return {
    siteId,
    published,
    teams,
    draft,
    draftText,
    jsonError,
    errors,
    dirty,
    versions,
    tests,
    testResults,
    outcome,
    loadError,
    busy,
    load,
    setDraft,
    setDraftText,
    /** Publishes the draft; a refusal (validation, failing tests, stale base) leaves everything as it was. */
    publish: async () => {
      if (!draft.value) return;
      busy.value = true;
      const r = await api<{ version: number; tests: RuleTestResult[] }>(`${base}?base=${baseVersion.value}`, { method: "PUT", body: draft.value });
      busy.value = false;
      if (!r.ok) return void (outcome.value = refused(r.error, r.status));
      outcome.value = { kind: "published", version: r.data.version };
      testResults.value = r.data.tests;
      await load();
    },
    restore: async (version: number) => {
      busy.value = true;
      const r = await api<{ version: number }>(`${base}/versions/${version}/restore`, { method: "POST", body: {} });
      busy.value = false;
      if (!r.ok) return void (outcome.value = refused(r.error, r.status));
      outcome.value = { kind: "restored", version };
      await load();
    },
    /** Loads an earlier version into the draft, to read or to publish again with changes. */
    openVersion: async (version: number) => {
      const r = await api<{ ruleset: Ruleset }>(`${base}?version=${version}`);
      if (r.ok) setDraft(r.data.ruleset);
    },
    discard: () => published.value && setDraft(structuredClone(published.value.ruleset)),
    runTests: async () => {
      const r = await api<{ results: RuleTestResult[] }>(`${base}/tests/run`, {
        method: "POST",
        body: draft.value && !errors.value.length ? { ruleset: draft.value } : {},
      });
      testResults.value = r.ok ? r.data.results : null;
    },
    saveTest: async (test: Omit<RuleTestCase, "id">): Promise<string | null> => {
      const r = await api(`${base}/tests`, { method: "POST", body: test });
      if (!r.ok) return r.error.message;
      await loadLists();
      return null;
    },
    deleteTest: async (id: string) => {
      await api(`${base}/tests/${id}`, { method: "DELETE" });
      testResults.value = testResults.value?.filter((t) => t.id !== id) ?? null;
      await loadLists();
    },
  };
}

export type RulesModel = ReturnType<typeof createRulesModel>;
