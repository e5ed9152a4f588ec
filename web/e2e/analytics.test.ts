/**
 * The returns dashboard in a real browser, on a shop made by the data generator: it
 * renders its charts, a drill-down opens the returns list filtered to what was clicked,
 * the process flowchart is coloured by stage health; photographed in Chinese and English.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser.ts';
import { adminEmail, adminPassword, type RunningServer, startServer } from './support/server.ts';

describe('analytics dashboard', () => {
  let server: RunningServer;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'rf-e2e-analytics-'));
  const databaseUrl = `sqlite:${join(dir, 'shop.sqlite')}`;

  beforeAll(async () => {
    const root = join(import.meta.dirname, '../..');
    const gen = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/gen.ts', '--orders', '6000', '--products', '120'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, RETURNFLOW_ADMIN_EMAIL: adminEmail, RETURNFLOW_ADMIN_PASSWORD: adminPassword },
      encoding: 'utf8',
    });
    if (gen.status !== 0) throw new Error(`gen failed: ${gen.stderr}`);
    server = await startServer({ env: { DATABASE_URL: databaseUrl } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(locale: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale });
    const page = await context.newPage();
    await page.goto(`${server.url}/console${locale === 'en' ? '?lang=en' : ''}`);
    await page.getByTestId('login-email').fill(adminEmail);
    await page.getByTestId('login-password').fill(adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sider').waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, name), fullPage: true });

  async function openDashboard(page: Page) {
    await page.goto(`${server.url}/console/analytics`);
    await page.getByTestId('page-analytics').waitFor();
    for (const chart of ['chart-products', 'chart-trend', 'chart-reasons', 'chart-breakdown', 'chart-process', 'chart-money']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor({ timeout: 30_000 });
    }
    await expect.poll(() => page.getByTestId('kpi-unitRate').textContent()).toMatch(/\d+\.\d+%/);
  }

  it('renders the dashboard and drills from a reason into the filtered returns list', async () => {
    const page = await signIn('zh-CN');
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('退货分析');
    await openDashboard(page);
    await page.waitForTimeout(800);
    await shot(page, 'analytics-zh-CN.png');
    const firstReason = page.getByTestId('section-reasons').locator('tbody tr').first();
    const reasonName = (await firstReason.locator('td').first().textContent()) ?? '';
    await firstReason.click();
    await page.waitForURL(/\/console\/returns\?.*reasonCodes=/);
    await page.getByTestId('drill-notice').waitFor();
    expect(await page.getByTestId('drill-notice').textContent()).toContain(reasonName);
    await expect.poll(async () => page.locator('[data-status]').count()).toBeGreaterThan(0);
    const url = new URL(page.url());
    expect(url.searchParams.get('status')).toBe('requested,approved,in_transit,received,inspected,resolved,closed');
    await shot(page, 'analytics-zh-CN-drill.png');

    // A product drill-down names the product, not its id.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const top = await fetch(`${server.url}/api/v1/reports/return-rate?groupBy=product&limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const product = ((await top.json()) as { data: { key: string; label: string }[] }).data[0];
    expect(product).toBeDefined();
    await page.goto(`${server.url}/console/returns?productId=${product?.key}&status=${url.searchParams.get('status')}`);
    await expect.poll(() => page.getByTestId('drill-notice').textContent()).toContain(product?.label ?? '?');
    await page.context().close();
  });

  it('colours the process flowchart by stage health', async () => {
    const page = await signIn('zh-CN');
    await page.goto(`${server.url}/console/process`);
    await page.getByTestId('flow-stage-review').waitFor();
    await expect.poll(() => page.getByTestId('flow-stage-review').getAttribute('data-health')).toMatch(/good|warn|bad|idle/);
    expect(await page.getByTestId('stage-health-legend').textContent()).toContain('正常');
    await shot(page, 'analytics-zh-CN-process.png');
    await page.context().close();
  });

  it('speaks English', async () => {
    const page = await signIn('en');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('Analytics');
    await openDashboard(page);
    expect(await page.getByTestId('section-products').textContent()).toContain('Products that come back most');
    await page.waitForTimeout(800);
    await shot(page, 'analytics-en.png');
    await page.goto(`${server.url}/console/process`);
    await expect.poll(() => page.getByTestId('flow-stage-review').getAttribute('data-health')).toMatch(/good|warn|bad|idle/);
    expect(await page.getByTestId('stage-health-legend').textContent()).toContain('healthy');
    await shot(page, 'analytics-en-process.png');
    await page.context().close();
  });
});
