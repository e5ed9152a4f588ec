/** Debian's Chromium driven by playwright-core (no tool downloads its own browser). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (the .ci/run script does this)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Where screenshots go (looked at by people, not asserted). */
export const screenshotDir = join(import.meta.dirname, '../../../test-results/screenshots');

export type ConsolePageOptions = {
  /** A demo user's role: `admin`, `warehouse`, … (signs in as `<role>@demo.returnflow.cn`). */
  role: string;
  lang: 'zh-CN' | 'en';
  viewport: { width: number; height: number };
  password?: string;
};

/**
 * A console page signed in as a demo user, in a language (saved on the user too, as the
 * console reads it from there), at a size: below 600 px wide it is a phone with touch.
 * The token is put in the app window's storage only (not in sandboxed frames such as the
 * email preview, which have none).
 */
export async function openConsolePage(browser: Browser, serverUrl: string, o: ConsolePageOptions): Promise<Page> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${o.role}@demo.returnflow.cn`, password: o.password ?? 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  await fetch(`${serverUrl}/api/v1/auth/me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ locale: o.lang }),
  });
  const mobile = o.viewport.width < 600;
  const context = await browser.newContext({ viewport: o.viewport, locale: o.lang, isMobile: mobile, hasTouch: mobile });
  await context.addInitScript(
    ([t, l]) => {
      if (window.top !== window) return;
      localStorage.setItem('rf.console.token', t as string);
      localStorage.setItem('rf.lang', l as string);
    },
    [token, o.lang],
  );
  return context.newPage();
}
