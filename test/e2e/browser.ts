// Headless Chromium (Debian's package) through playwright-core, with the flags this machine needs.

import { chromium, type Browser, type Locator, type Page } from "playwright-core";

const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A part of the widget, found through its shadow root by its `::part` name (CONTRACT.md §3). */
export function part(page: Page, name: string): Locator {
  return page.locator("parley-chat").locator(`[part~="${name}"]`);
}

/** Signs in to the console as one of the demo logins. */
export async function signIn(page: Page, baseUrl: string, email: string, password = "parley-demo"): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.click("button[type=submit]");
  await page.locator(".top .who").waitFor();
}
