// Settings › Business hours: the site's time zone, opening hours per weekday and closed dates.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, SaveBar, Section } from "../components/ui.tsx";
import { defineStrings, lang } from "../i18n.ts";
import { fieldError } from "../models/remote.ts";
import { createSiteModel, type BusinessHours } from "../models/site.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Business hours",
    zone: "Time zone",
    weekly: "Opening hours",
    weeklyHint: "Times in the site's time zone. A day without hours is closed; no hours on any day means always open.",
    closed: "Closed",
    addSpan: "Add hours",
    remove: "Remove",
    from: "From",
    to: "To",
    holidays: "Closed dates (holidays)",
    addHoliday: "Add date",
  },
  {
    title: "营业时间",
    zone: "时区",
    weekly: "营业时间",
    weeklyHint: "按站点时区填写。没有时段的日子为休息日；所有日子都没有时段表示全天候营业。",
    closed: "休息",
    addSpan: "添加时段",
    remove: "移除",
    from: "开始",
    to: "结束",
    holidays: "休息日（节假日）",
    addHoliday: "添加日期",
  },
);

const DAYS = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  "zh-CN": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
};
/** Monday first, as most people read a week. */
const ORDER = ["1", "2", "3", "4", "5", "6", "0"];

function zones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC", "Asia/Shanghai", "Europe/London", "America/New_York"];
  }
}

export function HoursPage({ siteId }: PageProps) {
  const model = useMemo(() => createSiteModel(siteId), [siteId]);
  useEffect(() => void model.load(), [model]);
  const tz = useSignal("UTC");
  const hours = useSignal<BusinessHours>({});
  const newHoliday = useSignal("");
  const loaded = model.value.value;
  useEffect(() => {
    if (!loaded) return;
    tz.value = loaded.site.timezone;
    hours.value = structuredClone(loaded.site.businessHours);
  }, [loaded?.site.id]);
  if (!loaded) return <SettingsLayout title={t("title")}>{model.error.value && <ErrorNote error={model.error.value} />}</SettingsLayout>;

  const err = model.error.value;
  const weekly = hours.value.weekly ?? {};
  const holidays = hours.value.holidays ?? [];
  const setDay = (day: string, spans: [string, string][]) => {
    const next = { ...weekly, [day]: spans };
    if (!spans.length) delete next[day];
    hours.value = { ...hours.value, weekly: next };
  };
  const save = (e: Event) => {
    e.preventDefault();
    const weeklyClean = Object.fromEntries(Object.entries(weekly).filter(([, s]) => s.length));
    void model.save({ timezone: tz.value, businessHours: { weekly: weeklyClean, holidays } });
  };

  return (
    <SettingsLayout title={t("title")}>
      <form class="form" onSubmit={save}>
        <Section title={t("zone")}>
          <Field label={t("zone")} name="timezone" error={err}>
            <select value={tz.value} onChange={(e) => (tz.value = e.currentTarget.value)}>
              {[...new Set([tz.value, ...zones()])].map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </Field>
        </Section>
        <Section title={t("weekly")}>
          <p class="hint">{t("weeklyHint")}</p>
          <table class="hours">
            <tbody>
              {ORDER.map((day) => {
                const spans = weekly[day] ?? [];
                const dayError = fieldError(err, `businessHours.weekly.${day}`);
                return (
                  <tr key={day} data-day={day}>
                    <th scope="row">{DAYS[lang.value][Number(day)]}</th>
                    <td>
                      {spans.length === 0 && <span class="muted">{t("closed")}</span>}
                      {spans.map(([from, to], i) => (
                        <span class="span" key={i}>
                          <input
                            type="time"
                            aria-label={t("from")}
                            value={from}
                            onInput={(e) =>
                              setDay(
                                day,
                                spans.map((s, j) => (j === i ? [e.currentTarget.value, s[1]] : s)),
                              )
                            }
                          />
                          –
                          <input
                            type="time"
                            aria-label={t("to")}
                            value={to}
                            onInput={(e) =>
                              setDay(
                                day,
                                spans.map((s, j) => (j === i ? [s[0], e.currentTarget.value] : s)),
                              )
                            }
                          />
                          <button
                            type="button"
                            onClick={() =>
                              setDay(
                                day,
                                spans.filter((_, j) => j !== i),
                              )
                            }
                          >
                            {t("remove")}
                          </button>
                        </span>
                      ))}
                      <button type="button" onClick={() => setDay(day, [...spans, spans.length ? ["13:00", "18:00"] : ["09:00", "18:00"]])}>
                        {t("addSpan")}
                      </button>
                      {dayError && (
                        <span class="field-error" role="alert">
                          {dayError}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Section>
        <Section title={t("holidays")}>
          <ul class="chips">
            {holidays.map((h) => (
              <li key={h}>
                {h}{" "}
                <button
                  type="button"
                  aria-label={`${t("remove")} ${h}`}
                  onClick={() => (hours.value = { ...hours.value, holidays: holidays.filter((x) => x !== h) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <Field label={t("addHoliday")} name="businessHours.holidays" error={err}>
            <span class="row">
              <input type="date" value={newHoliday.value} onInput={(e) => (newHoliday.value = e.currentTarget.value)} />
              <button
                type="button"
                onClick={() => {
                  if (newHoliday.value && !holidays.includes(newHoliday.value))
                    hours.value = { ...hours.value, holidays: [...holidays, newHoliday.value].sort() };
                  newHoliday.value = "";
                }}
              >
                {t("addHoliday")}
              </button>
            </span>
          </Field>
        </Section>
        <ErrorNote error={err} fields={["timezone", "businessHours"]} />
        <SaveBar saved={model.saved.value} />
      </form>
    </SettingsLayout>
  );
}
