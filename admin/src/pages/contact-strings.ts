// Strings of the contact pages that both the list and the profile use.

import { defineStrings } from "../i18n.ts";

const t = defineStrings({ vip: "VIP", key: "Key account", regular: "Regular" }, { vip: "VIP", key: "重点客户", regular: "普通" });

export function tierLabel(tier: string): string {
  return tier === "vip" || tier === "key" || tier === "regular" ? t(tier) : tier;
}
