/**
 * Screenshots of every main console page in Chinese and English on the demo shop, at a
 * 1366×768 laptop and a tablet, for people to look at (test-results/screenshots/). What is
 * asserted: each page renders its content and nothing overflows the window sideways.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage, screenshotDir } from './support/browser.ts';
import { apiAs, type RunningServer, startServer } from './support/server.ts';

type Shot = { name: string; path: string; ready: string; click?: string[] };
type Lang = 'zh-CN' | 'en';

describe('console screenshots', () => {
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    const admin = await apiAs(server.url, 'admin@demo.returnflow.cn', 'demo1234');
    const first = async (query: string) => (await admin('GET', `/console/returns?${query}&pageSize=1`)).data[0]?.id as string;
    ids.requested = await first('status=requested&sort=oldest');
    ids.inTransit = await first('status=in_transit');
    ids.received = await first('status=received');
    ids.inspected = await first('queue=refund');
    ids.resolved = await first('status=resolved');
    const customers = await admin('GET', '/console/customers?pageSize=100');
    ids.customer = [...customers.data].sort((a: { returns: number }, b: { returns: number }) => b.returns - a.returns)[0].id;
    const order = (await admin('GET', '/orders?limit=50')).data.find(
      (o: { lines: { returnableQuantity: number }[]; deliveredAt: string | null }) => o.deliveredAt && o.lines.some((l) => l.returnableQuantity > 0),
    );
    ids.orderNumber = order.number;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(role: string, lang: Lang, viewport: { width: number; height: number }): Promise<Page> {
    return openConsolePage(browser, server.url, { role, lang, viewport });
  }

  /** Moves within the already loaded app (a full reload per page costs seconds on a busy machine). */
  async function go(page: Page, path: string) {
    if (!page.url().startsWith(`${server.url}/console`) || page.url().includes('/login')) {
      await page.goto(`${server.url}${path}`);
      return;
    }
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  async function shoot(page: Page, shot: Shot, file: string) {
    await go(page, shot.path);
    await page.locator(shot.ready).first().waitFor({ timeout: 15_000 });
    for (const selector of shot.click ?? []) {
      await page.locator(selector).first().click();
      await page.waitForTimeout(300);
    }
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur, .ant-skeleton'));
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(screenshotDir, file) });
    expect(overflow, `${file} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }

  const byRole = (): Record<string, Shot[]> => ({
    manager: [
      { name: 'home-manager', path: '/console', ready: '[data-testid=page-home] [data-testid=queue-all_open]' },
      { name: 'returns', path: '/console/returns', ready: '[data-testid=page-returns] [data-testid=return-link]' },
      { name: 'process', path: '/console/process', ready: '[data-testid=page-process] [data-testid=flow-stage-review]' },
      { name: 'customers', path: '/console/customers', ready: '[data-testid=page-customers] .ant-table-row' },
      { name: 'customer-detail', path: `/console/customers/${ids.customer}`, ready: '[data-testid=page-customer] [data-testid=return-link]' },
      { name: 'stock', path: '/console/stock', ready: '[data-testid=page-stock] .ant-table-row' },
      { name: 'stock-ledger', path: '/console/stock?location=RETURNS', ready: '[data-testid=page-stock] .ant-table-row', click: ['[data-testid$=-RETURNS]'] },
      { name: 'return-resolved', path: `/console/returns/${ids.resolved}`, ready: '[data-testid=page-return] [data-testid=timeline]' },
    ],
    service: [
      { name: 'home-service', path: '/console', ready: '[data-testid=page-home] [data-testid=queue-review]' },
      { name: 'return-review', path: `/console/returns/${ids.requested}`, ready: '[data-testid=page-return] [data-testid=action-approve]' },
      {
        name: 'create-return',
        path: '/console/returns/new',
        ready: '[data-testid=page-create] [data-testid=order-search]',
      },
    ],
    warehouse: [
      { name: 'home-warehouse', path: '/console', ready: '[data-testid=page-home] [data-testid=queue-in_transit]' },
      { name: 'return-receive', path: `/console/returns/${ids.inTransit}?mode=receive`, ready: '[data-testid=page-return] [data-testid=receive-panel]' },
      {
        name: 'return-inspect',
        path: `/console/returns/${ids.received}`,
        ready: '[data-testid=page-return] [data-testid=action-inspect]',
        click: ['[data-testid=action-inspect]'],
      },
    ],
    finance: [
      { name: 'home-finance', path: '/console', ready: '[data-testid=page-home] [data-testid=queue-refund]' },
      {
        name: 'return-refund',
        path: `/console/returns/${ids.inspected}`,
        ready: '[data-testid=page-return] [data-testid=action-refund]',
        click: ['[data-testid=action-refund]'],
      },
    ],
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shoots every main page in ${lang} at 1366×768`, async () => {
      const login = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await login.goto(`${server.url}/console/login?lang=${lang}`);
      await login.getByTestId('login-submit').waitFor();
      await login.screenshot({ path: join(screenshotDir, `console-${lang}-login.png`) });
      await login.close();
      for (const [role, shots] of Object.entries(byRole())) {
        const page = await open(role, lang, { width: 1366, height: 768 });
        for (const shot of shots) {
          if (shot.name === 'create-return') {
            await go(page, shot.path);
            await page.locator('[data-testid=order-search] input').fill(ids.orderNumber ?? '');
            await page.locator('[data-testid=order-search] input').press('Enter');
            await page.locator('[data-testid=create-lines] input[type=checkbox]:not([disabled])').first().check();
            await expect.poll(() => page.getByTestId('create-verdict').locator('.ant-alert').count()).toBe(1);
            await expect.poll(() => page.getByTestId('create-submit').isEnabled()).toBe(true);
            await page.screenshot({ path: join(screenshotDir, `console-${lang}-${shot.name}.png`) });
            continue;
          }
          await shoot(page, shot, `console-${lang}-${shot.name}.png`);
        }
        await page.context().close();
      }
    });
  }

  it('fits a tablet, portrait and landscape, with the menu collapsed', async () => {
    for (const viewport of [
      { width: 820, height: 1180 },
      { width: 1180, height: 820 },
    ]) {
      const page = await open('warehouse', 'zh-CN', viewport);
      const suffix = `${viewport.width}x${viewport.height}`;
      await shoot(
        page,
        { name: 'home', path: '/console', ready: '[data-testid=page-home] [data-testid=queue-in_transit]' },
        `console-tablet-${suffix}-home.png`,
      );
      await shoot(
        page,
        { name: 'receive', path: `/console/returns/${ids.inTransit}?mode=receive`, ready: '[data-testid=page-return] [data-testid=receive-panel]' },
        `console-tablet-${suffix}-receive.png`,
      );
      await shoot(
        page,
        { name: 'returns', path: '/console/returns', ready: '[data-testid=page-returns] [data-testid=return-link]' },
        `console-tablet-${suffix}-returns.png`,
      );
      await page.context().close();
    }
  });
});
