// Edits a rule's condition tree: leaves (field, operator, value) and all / any / not groups, nestable.

import { CHANNELS } from "../../../../protocol/src/types.ts";
import {
  CONDITION_FIELDS,
  fieldKind,
  OPERATORS_BY_KIND,
  TIERS,
  type Condition,
  type LeafCondition,
  type RulesetError,
} from "../../../../protocol/src/ruleset.ts";
import { FieldErrors, ListInput } from "./fields.tsx";
import { t } from "./rules-strings.ts";

interface Props {
  value: Condition;
  onChange: (c: Condition) => void;
  onRemove?: () => void;
  path: string;
  errors: RulesetError[];
  readOnly: boolean;
}

const LIST_OPS = new Set(["containsAny", "containsAll", "in"]);
const BLANK: LeafCondition = { field: "message.text", op: "containsAny", value: [] };

function kindOf(c: Condition): "all" | "any" | "not" | "leaf" {
  return "all" in c ? "all" : "any" in c ? "any" : "not" in c ? "not" : "leaf";
}

/** The value a leaf gets when its field or operator changes to a kind that needs another shape. */
function defaultValue(field: string, op: string): unknown {
  if (op === "exists") return undefined;
  const kind = fieldKind(field);
  if (LIST_OPS.has(op)) return [];
  if (kind === "number" || ["gt", "gte", "lt", "lte"].includes(op)) return 0;
  if (kind === "boolean") return true;
  if (kind === "channel") return "web";
  if (kind === "tier") return "vip";
  return "";
}

function ValueInput({ leaf, set, readOnly }: { leaf: LeafCondition; set: (v: unknown) => void; readOnly: boolean }) {
  const kind = fieldKind(leaf.field);
  if (leaf.op === "exists")
    return (
      <select
        aria-label={t("value")}
        value={leaf.value === false ? "no" : "yes"}
        disabled={readOnly}
        onChange={(e) => set((e.target as HTMLSelectElement).value === "yes" ? undefined : false)}
      >
        <option value="yes">{t("isSet")}</option>
        <option value="no">{t("isNotSet")}</option>
      </select>
    );
  if (LIST_OPS.has(leaf.op))
    return (
      <ListInput
        label={leaf.op === "in" ? t("values") : t("keywords")}
        value={leaf.value}
        onChange={(v) => set(kind === "number" ? v.map(Number) : v)}
        readOnly={readOnly}
      />
    );
  const choices = kind === "channel" ? CHANNELS : kind === "tier" ? TIERS : kind === "boolean" ? ["true", "false"] : null;
  if (choices)
    return (
      <select
        aria-label={t("value")}
        value={String(leaf.value)}
        disabled={readOnly}
        onChange={(e) => set(kind === "boolean" ? (e.target as HTMLSelectElement).value === "true" : (e.target as HTMLSelectElement).value)}
      >
        {choices.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  const numeric = kind === "number" || ["gt", "gte", "lt", "lte"].includes(leaf.op);
  const type = (numeric ? "number" : "text") as "text";
  return (
    <input
      aria-label={t("value")}
      type={type}
      value={leaf.value === undefined ? "" : String(leaf.value)}
      readOnly={readOnly}
      placeholder={leaf.op === "matches" ? t("regexHint") : ""}
      onInput={(e) => {
        const raw = (e.target as HTMLInputElement).value;
        set(numeric && raw !== "" ? Number(raw) : raw);
      }}
    />
  );
}

function LeafEditor({ value: leaf, onChange, onRemove, path, errors, readOnly }: Props & { value: LeafCondition }) {
  const kind = fieldKind(leaf.field) ?? "text";
  const custom = leaf.field.startsWith("visitor.attributes.");
  const setField = (field: string) => {
    const ops = OPERATORS_BY_KIND[fieldKind(field) ?? "text"];
    const op = ops.includes(leaf.op) ? leaf.op : ops[0]!;
    onChange({ field, op, ...(op === leaf.op && fieldKind(field) === kind ? { value: leaf.value } : { value: defaultValue(field, op) }) } as LeafCondition);
  };
  return (
    <div class="cond-leaf">
      <select
        aria-label={t("field")}
        value={custom ? "visitor.attributes." : leaf.field}
        disabled={readOnly}
        onChange={(e) =>
          setField((e.target as HTMLSelectElement).value === "visitor.attributes." ? "visitor.attributes.plan" : (e.target as HTMLSelectElement).value)
        }
      >
        {CONDITION_FIELDS.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
        <option value="visitor.attributes.">visitor.attributes.…</option>
        {!fieldKind(leaf.field) && <option value={leaf.field}>{leaf.field} (?)</option>}
      </select>
      {custom && (
        <input
          aria-label={t("attribute")}
          class="attr"
          value={leaf.field.slice("visitor.attributes.".length)}
          readOnly={readOnly}
          onInput={(e) => onChange({ ...leaf, field: `visitor.attributes.${(e.target as HTMLInputElement).value}` })}
        />
      )}
      <select
        aria-label={t("operator")}
        value={leaf.op}
        disabled={readOnly}
        onChange={(e) => {
          const op = (e.target as HTMLSelectElement).value as LeafCondition["op"];
          const keep = LIST_OPS.has(op) === LIST_OPS.has(leaf.op) && op !== "exists" && leaf.op !== "exists";
          const next: LeafCondition = { field: leaf.field, op, value: keep ? leaf.value : defaultValue(leaf.field, op) };
          if (next.value === undefined) delete next.value;
          onChange(next);
        }}
      >
        {(OPERATORS_BY_KIND[kind] ?? []).map((op) => (
          <option key={op} value={op}>
            {t(`op_${op}` as never)}
          </option>
        ))}
      </select>
      <ValueInput
        leaf={leaf}
        readOnly={readOnly}
        set={(v) => {
          const next = { ...leaf, value: v };
          if (v === undefined) delete next.value;
          onChange(next);
        }}
      />
      {leaf.op === "matches" && (
        <input
          aria-label={t("flags")}
          class="flags"
          value={leaf.flags ?? ""}
          placeholder="i"
          readOnly={readOnly}
          onInput={(e) => {
            const f = (e.target as HTMLInputElement).value;
            const { flags: _old, ...rest } = leaf;
            onChange(f ? { ...rest, flags: f } : rest);
          }}
        />
      )}
      {onRemove && !readOnly && (
        <button type="button" class="icon" aria-label={t("removeCondition")} onClick={onRemove}>
          ×
        </button>
      )}
      <FieldErrors errors={errors} path={path} />
    </div>
  );
}

export function ConditionEditor(props: Props) {
  const { value, onChange, onRemove, path, errors, readOnly } = props;
  const kind = kindOf(value);
  if (kind === "leaf") return <LeafEditor {...props} value={value as LeafCondition} />;
  const items: Condition[] = kind === "not" ? [(value as { not: Condition }).not] : (value as Record<"all" | "any", Condition[]>)[kind];
  const setGroup = (k: "all" | "any" | "not", list: Condition[]) => onChange(k === "not" ? { not: list[0] ?? BLANK } : ({ [k]: list } as Condition));
  return (
    <div class={`cond-group cond-${kind}`}>
      <div class="cond-head">
        <select
          aria-label={t("combinator")}
          value={kind}
          disabled={readOnly}
          onChange={(e) => setGroup((e.target as HTMLSelectElement).value as "all" | "any" | "not", items)}
        >
          <option value="all">{t("all")}</option>
          <option value="any">{t("any")}</option>
          <option value="not">{t("not")}</option>
        </select>
        {!readOnly && kind !== "not" && (
          <>
            <button type="button" onClick={() => setGroup(kind, [...items, { ...BLANK }])}>
              + {t("condition")}
            </button>
            <button type="button" onClick={() => setGroup(kind, [...items, { any: [{ ...BLANK }] }])}>
              + {t("group")}
            </button>
          </>
        )}
        {onRemove && !readOnly && (
          <button type="button" class="icon" aria-label={t("removeGroup")} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      <FieldErrors errors={errors.filter((e) => e.field === path || e.field === `${path}.${kind}`)} path={path} />
      <div class="cond-items">
        {items.map((c, i) => {
          const childPath = kind === "not" ? `${path}.not` : `${path}.${kind}[${i}]`;
          return (
            <ConditionEditor
              key={i}
              value={c}
              path={childPath}
              errors={errors}
              readOnly={readOnly}
              onChange={(next) =>
                setGroup(
                  kind,
                  items.map((x, j) => (j === i ? next : x)),
                )
              }
              {...(kind !== "not" && items.length > 1
                ? {
                    onRemove: () =>
                      setGroup(
                        kind,
                        items.filter((_, j) => j !== i),
                      ),
                  }
                : {})}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Wraps a single condition into a group so more can be added next to it. */
export function asGroup(c: Condition): Condition {
  return kindOf(c) === "leaf" ? { all: [c] } : c;
}
