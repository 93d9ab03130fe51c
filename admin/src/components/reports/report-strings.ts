// The reports page's words (English, 简体中文) and how its figures are written: durations, shares, ratings.

import { defineStrings } from "../../i18n.ts";
import { ui } from "../ui-strings.ts";

export const t = defineStrings(
  {
    title: "Reports",
    from: "From",
    to: "To",
    team: "Team",
    channel: "Channel",
    anyTeam: "All teams",
    anyChannel: "All channels",
    last7: "7 days",
    last30: "30 days",
    last90: "90 days",
    csv: "Download CSV",
    csvDaily: "Daily figures (CSV)",
    csvBreakdown: "This table (CSV)",
    window: "{first} – {last} ({zone})",
    conversations: "Conversations",
    handedOff: "handed to a person",
    frt: "First response",
    frtBusiness: "in business hours",
    resolution: "Resolution",
    csat: "Satisfaction",
    ratings: "{n} ratings",
    containment: "Bot containment",
    botResolved: "{n} resolved by the bot alone",
    handoffRate: "Hand-off rate",
    sla: "SLA compliance",
    slaParts: "first response {fr} · resolution {res}",
    complaints: "Complaints on time",
    complaintCount: "{n} complaints",
    p50: "median",
    p90: "p90",
    perDay: "Conversations per day",
    frtPerDay: "First response per day (minutes)",
    csatPerDay: "Satisfaction per day",
    handed: "Handed off",
    bot: "Resolved by the bot",
    median: "Median",
    medianBusiness: "Median, business hours",
    average: "Average rating",
    count: "Ratings",
    distribution: "Ratings 1–5",
    dailyTable: "The figures per day",
    date: "Date",
    breakdown: "Breakdown",
    byChannel: "Channel",
    byTeam: "Team",
    byLabel: "Label",
    byAgent: "Agent",
    agents: "Agents",
    agent: "Agent",
    name: "Name",
    noTeam: "No team",
    handoffShare: "Handed off",
    slaShort: "SLA met",
    empty: "No conversations in this period.",
    loading: "Loading…",
    chartSummary: "{title}: {n} days, highest {max}.",
  },
  {
    title: "报表",
    from: "开始",
    to: "结束",
    team: "团队",
    channel: "渠道",
    anyTeam: "全部团队",
    anyChannel: "全部渠道",
    last7: "近 7 天",
    last30: "近 30 天",
    last90: "近 90 天",
    csv: "下载 CSV",
    csvDaily: "每日数据 (CSV)",
    csvBreakdown: "本表 (CSV)",
    window: "{first} – {last}（{zone}）",
    conversations: "会话量",
    handedOff: "转人工",
    frt: "首次响应",
    frtBusiness: "按营业时间",
    resolution: "解决时长",
    csat: "满意度",
    ratings: "{n} 条评价",
    containment: "机器人独立解决率",
    botResolved: "机器人独立解决 {n} 个",
    handoffRate: "转人工率",
    sla: "SLA 达标率",
    slaParts: "首次响应 {fr} · 解决 {res}",
    complaints: "投诉及时处理率",
    complaintCount: "{n} 个投诉",
    p50: "中位数",
    p90: "p90",
    perDay: "每日会话量",
    frtPerDay: "每日首次响应（分钟）",
    csatPerDay: "每日满意度",
    handed: "转人工",
    bot: "机器人解决",
    median: "中位数",
    medianBusiness: "中位数（营业时间）",
    average: "平均评分",
    count: "评价数",
    distribution: "评分 1–5",
    dailyTable: "每日数据",
    date: "日期",
    breakdown: "细分",
    byChannel: "渠道",
    byTeam: "团队",
    byLabel: "标签",
    byAgent: "客服",
    agents: "客服绩效",
    agent: "客服",
    name: "名称",
    noTeam: "无团队",
    handoffShare: "转人工",
    slaShort: "SLA 达标",
    empty: "该时间段内没有会话。",
    loading: "加载中…",
    chartSummary: "{title}：共 {n} 天，最高 {max}。",
  },
);

/** A duration for people: seconds, minutes, hours or days; "—" when there is none. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const zh = ui.locale() === "zh-CN";
  const s = ms / 1000;
  const fmt = (v: number, unit: string, zhUnit: string) => `${v < 10 && v % 1 ? v.toFixed(1) : Math.round(v)}${zh ? ` ${zhUnit}` : ` ${unit}`}`;
  // Units change where the rounded figure would reach the next unit (59.6 min is "1.0 h", not "60 min").
  if (s < 59.5) return fmt(s, "s", "秒");
  if (s < 3570) return fmt(s / 60, "min", "分钟");
  if (s < 86_220) return fmt(s / 3600, "h", "小时");
  return fmt(s / 86_400, "d", "天");
}

/** A share as a percentage with one decimal; "—" when nothing was counted. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`;
}

/** An average rating with two decimals. */
export function rating(avg: number | null | undefined): string {
  return avg === null || avg === undefined ? "—" : avg.toFixed(2);
}

/** A count with thousands separators in the console's language. */
export function count(n: number): string {
  return n.toLocaleString(ui.locale());
}
