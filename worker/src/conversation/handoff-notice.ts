// What the bot tells a visitor right after handing off, honestly: whether a person is online now,
// busy, or the team is closed — and then when and how a person will answer. Pure: the Conversation
// object supplies availability (from the site's Inbox) and the site's hours.

import type { Localized, RulesetSettings } from "../../../protocol/src/ruleset.ts";
import { localize } from "../lib/localize.ts";
import { localTime, type BusinessHours } from "../lib/time.ts";

/** Whether a person can answer now. */
export interface Availability {
  /** Agents of the team (or of the site, for a team without members) with the console open and online. */
  online: number;
  /** Of those, how many have room for one more conversation (load below capacity); `online` when unknown. */
  free?: number;
  businessHours: boolean;
}

export type NoticeKind = "online" | "busy" | "closed";

const DEFAULTS: Record<NoticeKind | "askEmail", Localized> = {
  online: {
    en: "A person will join this chat in a moment.",
    "zh-CN": "正在为您转接人工客服，请稍候。",
    "zh-TW": "正在為您轉接真人客服，請稍候。",
  },
  busy: {
    en: "Everyone on our team is busy right now. You're in the queue, and a person will answer here as soon as one is free.",
    "zh-CN": "客服人员暂时都在忙。您已在排队，有空闲的客服会第一时间在这里回复您。",
    "zh-TW": "客服人員暫時都在忙。您已在排隊，有空閒的客服會第一時間在這裡回覆您。",
  },
  closed: {
    en: "Our team is offline right now. A person will answer by email when we're back ({opening}).",
    "zh-CN": "现在是非工作时间，人工客服不在线。我们上班后（{opening}）会有客服通过邮件回复您。",
    "zh-TW": "現在是非營業時間，真人客服不在線。我們上班後（{opening}）會有客服透過郵件回覆您。",
  },
  askEmail: {
    en: "What email address should we answer at?",
    "zh-CN": "请留下您的邮箱地址，方便我们回复您。",
    "zh-TW": "請留下您的電子郵件地址，方便我們回覆您。",
  },
};

const CLOSED_HERE: Localized = {
  en: "Our team is offline right now. A person will answer here when we're back ({opening}).",
  "zh-CN": "现在是非工作时间，人工客服不在线。我们上班后（{opening}）会在这里回复您。",
  "zh-TW": "現在是非營業時間，真人客服不在線。我們上班後（{opening}）會在這裡回覆您。",
};
const KNOWN_EMAIL: Record<"busy" | "closed", Localized> = {
  busy: {
    en: "If you have to go, we'll answer by email at {email}.",
    "zh-CN": "如果您需要离开，我们会通过邮件回复至 {email}。",
    "zh-TW": "如果您需要離開，我們會透過郵件回覆至 {email}。",
  },
  closed: { en: "We'll write to {email}.", "zh-CN": "我们会发送邮件至 {email}。", "zh-TW": "我們會寄信至 {email}。" },
};
const SOON: Localized = { en: "as soon as we can", "zh-CN": "尽快", "zh-TW": "儘快" };

const WEEKDAYS: Record<string, string[]> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  zh: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
  "zh-TW": ["週日", "週一", "週二", "週三", "週四", "週五", "週六"],
};
const RELATIVE: Record<string, [string, string]> = { en: ["today", "tomorrow"], zh: ["今天", "明天"], "zh-TW": ["今天", "明天"] };

function words(locale: string): string {
  if (/^zh-(tw|hk|mo|hant)/i.test(locale)) return "zh-TW";
  return locale.startsWith("zh") ? "zh" : "en";
}

/**
 * When the site next opens after `now`, in the site's zone and the visitor's language ("Monday 09:00",
 * "明天 09:00"); null when no weekly hours are set (always open) or none fall in the next week.
 */
export function nextOpening(now: number, timeZone: string, hours: BusinessHours, locale: string): string | null {
  if (!hours.weekly || Object.keys(hours.weekly).length === 0) return null;
  const start = localTime(now, timeZone);
  const nowMinutes = start.hour * 60 + start.minute;
  for (let d = 0; d <= 7; d++) {
    const day = d === 0 ? start : localTime(now + d * 86_400_000, timeZone);
    if (hours.holidays?.includes(day.date)) continue;
    const opens = (hours.weekly[String(day.weekday)] ?? [])
      .map(([from]) => from)
      .filter((from) => d > 0 || Number(from.slice(0, 2)) * 60 + Number(from.slice(3, 5)) > nowMinutes)
      .sort();
    if (!opens.length) continue;
    const w = words(locale);
    const label = d <= 1 ? RELATIVE[w]![d]! : WEEKDAYS[w]![day.weekday]!;
    return `${label} ${opens[0]}`;
  }
  return null;
}

export interface NoticeInput {
  settings: RulesetSettings;
  availability: Availability;
  locale: string;
  channel: string;
  email: string | null;
  /** Formatted next opening (see nextOpening), shown in the closed notice. */
  opening: string | null;
}

export interface Notice {
  kind: NoticeKind;
  /** Bot messages to send, in order. */
  texts: string[];
  /** True when the bot should wait for the visitor's email (web visitors with no email, nobody online). */
  askEmail: boolean;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(opening|email)\}/g, (_, k: string) => vars[k] ?? "");
}

/** The honest words after a hand-off, and whether to ask for an email address to answer at. */
export function handoffNotice(input: NoticeInput): Notice {
  const { availability, locale, channel, email } = input;
  // "A person will join in a moment" only when someone online has room; online but all full is "busy".
  const free = availability.free ?? availability.online;
  const kind: NoticeKind = free > 0 ? "online" : availability.online > 0 || availability.businessHours ? "busy" : "closed";
  const custom = input.settings.handoffNotice?.[kind];
  // Email only makes sense for a web visitor who may leave; other channels answer where they wrote.
  const web = channel === "web" || channel === "api";
  const template = custom ?? (kind === "closed" && !web ? CLOSED_HERE : DEFAULTS[kind]);
  const vars = { opening: input.opening ?? localize(SOON, locale), email: email ?? "" };
  const texts = [fill(localize(template, locale), vars)];
  const askEmail = web && kind !== "online" && !email;
  if (askEmail) texts.push(localize(DEFAULTS.askEmail, locale));
  else if (web && kind !== "online" && email) texts.push(fill(localize(KNOWN_EMAIL[kind], locale), vars));
  return { kind, texts, askEmail };
}
