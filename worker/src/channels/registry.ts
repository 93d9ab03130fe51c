// Every channel adapter by kind. Adding a channel means writing its adapter and listing it here.

import { apiAdapter } from "./api-channel.ts";
import { emailAdapter } from "./email/adapter.ts";
import { smsAdapter } from "./sms.ts";
import { telegramAdapter } from "./telegram.ts";
import type { ChannelAdapter, ChannelKind } from "./types.ts";
import { whatsappAdapter } from "./whatsapp.ts";

export const ADAPTERS: Record<ChannelKind, ChannelAdapter> = {
  email: emailAdapter,
  telegram: telegramAdapter,
  whatsapp: whatsappAdapter,
  sms: smsAdapter,
  api: apiAdapter,
};
