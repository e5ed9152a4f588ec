/**
 * Notices, webhooks, API keys, imports and exports in a real browser on the demo shop,
 * against a real SMTP server and a real HTTP receiver started here: an admin edits the
 * "return approved" template and sees the preview, points email at the SMTP server and
 * sends a test, a return is approved and its email arrives with the edited subject, and
 * is resent from the delivery log; a webhook is registered, receives the next event
 * signed, and is redelivered from its log; an API key is shown once, works, and stops
 * working when revoked; a products file with one bad row is refused whole and the fixed
 * file imported; the returns list is exported with a filter and the file's rows checked;
 * the bell counts a new in-app notice and opens its return; the menu and the pages are
 * gated by role. Screenshots of every new screen in Chinese and English.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kuaidi100Sign } from '../../server/src/modules/logistics/kuaidi100.ts';
import { startFakeHttp, startSmtpServer } from '../../server/test/support/notice-fakes.ts';
import { launchBrowser, openConsolePage, screenshotDir } from './support/browser.ts';
import { apiAs, type RunningServer, startServer } from './support/server.ts';

type Lang = 'zh-CN' | 'en';
type Api = Awaited<ReturnType<typeof apiAs>>;
type ReturnRow = { id: string; number: string; status: string; customerId: string; type: string; returnless: boolean };

const demoPassword = 'demo1234';
const laptop = { width: 1366, height: 768 };
const salt = 'e2e-kuaidi100-salt';
const poll = { timeout: 30_000, interval: 250 };

describe('integrations console', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startFakeHttp>>;
  let admin: Api;
  let service: Api;
  let adminPage: Page;
  /** Requested returns of customers with an email, taken one by one by the tests that approve. */
  const requested: (ReturnRow & { email: string })[] = [];
  /** The return shipped in the bell's test, with a carrier's push on it. */
  let shipped: ReturnRow | null = null;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startFakeHttp(() => ({ status: 200, json: { ok: true } }));
    server = await startServer({ demo: true, env: { KUAIDI100_SALT: salt } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    admin = await apiAs(server.url, 'admin@demo.returnflow.cn', demoPassword);
    service = await apiAs(server.url, 'service@demo.returnflow.cn', demoPassword);
    const list = await admin<{ data: ReturnRow[] }>('GET', '/returns?status=requested&limit=50');
    for (const r of list.data) {
      const customer = await admin<{ email: string | null }>('GET', `/customers/${r.customerId}`);
      if (customer.email) requested.push({ ...r, email: customer.email });
    }
    expect(requested.length).toBeGreaterThanOrEqual(3);
    adminPage = await open('admin', 'zh-CN');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await receiver?.close();
  });

  /** A signed-in page for a demo user in a language (the language is saved on the user too, as the console reads it from there). */
  async function open(role: string, lang: Lang, viewport = laptop): Promise<Page> {
    return openConsolePage(browser, server.url, { role, lang, viewport, password: demoPassword });
  }

  /**
   * Loads a page afresh: the built app may be rebuilt while this runs (other work on the
   * same checkout), and a page loaded before that would ask for chunks that are gone.
   */
  async function go(page: Page, path: string) {
    await page.goto(`${server.url}${path}`);
  }

  /** Loads a page and waits for one of its parts, loading it once more if a rebuild of the app broke the first load. */
  async function visit(page: Page, path: string, testId: string) {
    await go(page, path);
    try {
      await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
    } catch {
      await go(page, path);
      await page.getByTestId(testId).first().waitFor();
    }
  }

  async function settle(page: Page) {
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur, .ant-skeleton, .ant-table-placeholder .ant-spin'));
    await page.waitForTimeout(300);
  }

  async function shoot(page: Page, file: string, fullPage = false) {
    await settle(page);
    // A toast of the step before would hide the page's own header.
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 6000 })
      .catch(() => undefined);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(screenshotDir, file), fullPage });
    expect(overflow, `${file} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }

  /** Confirms the open pop-confirm (its OK button, "确 定" or "OK"). */
  async function confirm(page: Page) {
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK|吊\s*销|Revoke/ })
      .last()
      .click();
  }

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  it('edits the "return approved" template beside a live preview', async () => {
    const page = adminPage;
    await visit(page, '/console/notices?tab=templates', 'template-editor');
    await page.getByTestId('template-event-return.approved').click();
    const editor = page.getByTestId('template-editor');
    await editor.getByTestId('template-subject').fill('【审核通过】{{shopName}}：退货单 {{returnNumber}} 已通过');
    await editor.getByTestId('template-short').fill('{{customerName}}，您的退货单 {{returnNumber}} 已通过审核，请 7 天内寄回。{{link}}');
    // The preview renders the draft with a sample return before anything is saved.
    await expect.poll(() => page.getByTestId('preview-subject').textContent(), poll).toMatch(/^【审核通过】.+：退货单 RT-[\d-]+ 已通过$/);
    await expect.poll(() => page.getByTestId('preview-short').textContent(), poll).toContain('已通过审核，请 7 天内寄回');
    expect(await page.getByTestId('preview-short').textContent()).not.toContain('{{');
    // An unknown variable is caught before saving.
    await editor.getByTestId('template-short').fill('{{customerName}} {{nosuchthing}}');
    await expect.poll(() => editor.textContent(), poll).toContain('{{nosuchthing}}');
    expect(await editor.getByTestId('template-save').isDisabled()).toBe(true);
    await editor.getByTestId('template-short').fill('{{customerName}}，您的退货单 {{returnNumber}} 已通过审核，请 7 天内寄回。{{link}}');
    await shoot(page, 'integrations-zh-CN-templates.png');
    await editor.getByTestId('template-save').click();
    await expect
      .poll(async () => {
        const list = await admin<{ data: { audience: string; event: string; locale: string; customized: boolean; subject: string }[] }>(
          'GET',
          '/notification-templates',
        );
        return list.data.find((x) => x.audience === 'customer' && x.event === 'return.approved' && x.locale === 'zh-CN');
      }, poll)
      .toMatchObject({ customized: true, subject: '【审核通过】{{shopName}}：退货单 {{returnNumber}} 已通过' });
  });

  it('points email at an SMTP server, sends a test, and resends a customer notice from the delivery log', async () => {
    const page = adminPage;
    await visit(page, '/console/notices?tab=channels', 'channel-email');
    const email = page.getByTestId('channel-email');
    await email.getByTestId('smtp-url').fill(smtp.url);
    await email.getByTestId('smtp-from').fill('退货通 <notice@shop.test>');
    await email.getByTestId('save-email').click();
    await expect.poll(async () => (await admin<{ email: { smtpUrl: string } }>('GET', '/notification-settings')).email.smtpUrl, poll).toBe(smtp.url);
    await shoot(page, 'integrations-zh-CN-channels.png');

    await email.getByTestId('test-to-email').fill('ops@shop.test');
    await email.getByTestId('test-send-email').click();
    await email.getByTestId('test-ok').waitFor();
    await expect.poll(() => mailsTo('ops@shop.test').length, poll).toBe(1);

    // A return is approved: its customer hears of it by email, with the subject as edited above.
    const ret = requested.shift() as ReturnRow & { email: string };
    await service('POST', `/returns/${ret.id}/approve`, {});
    await expect.poll(() => mailsTo(ret.email).length, poll).toBe(1);
    expect(mailsTo(ret.email)[0]?.subject).toMatch(new RegExp(`^【审核通过】.+：退货单 ${ret.number} 已通过$`));

    await visit(page, `/console/notices?tab=log&returnId=${ret.id}&channel=email`, 'delivery-log');
    const log = page.getByTestId('delivery-log');
    const row = log.locator('tr[data-notice-id]').first();
    await row.waitFor();
    expect(await log.locator('tr[data-notice-id]').count()).toBe(1);
    const noticeId = (await row.getAttribute('data-notice-id')) as string;
    await expect.poll(() => row.locator('[data-delivery-status]').getAttribute('data-delivery-status'), poll).toBe('sent');
    expect(await log.getByTestId('log-return-filter').textContent()).toContain(ret.number);
    await shoot(page, 'integrations-zh-CN-delivery-log.png');

    await log.getByTestId(`resend-${noticeId}`).click();
    await expect.poll(() => mailsTo(ret.email).length, poll).toBe(2);
    await log.getByTestId(`open-${noticeId}`).click();
    const detail = page.getByTestId('delivery-detail');
    await detail.waitFor();
    await expect.poll(() => detail.locator('[data-attempt]').count(), poll).toBe(2);
    expect(await detail.textContent()).toContain(ret.email);
    await shoot(page, 'integrations-zh-CN-delivery-drawer.png');
    await page.keyboard.press('Escape');

    // From the customer's page to what they were sent.
    await visit(page, `/console/customers/${ret.customerId}`, 'preferences-log');
    await page.getByTestId('preferences-log').click();
    await expect.poll(() => page.getByTestId('delivery-log').locator('tr[data-notice-id]').count(), poll).toBeGreaterThanOrEqual(1);
    const recipients = await page.getByTestId('delivery-log').locator('tr[data-notice-id]').allTextContents();
    expect(recipients.every((text) => text.includes(ret.email))).toBe(true);
  });

  it('registers a webhook that receives the next event signed, and redelivers it from its log', async () => {
    const page = adminPage;
    await visit(page, '/console/connect', 'webhook-add');
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-url').fill(receiver.url('/returnflow'));
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /创\s*建/ })
      .click();
    await expect.poll(async () => (await admin<{ data: { url: string }[] }>('GET', '/webhooks')).data.length, poll).toBe(1);
    const hook = (await admin<{ data: { id: string; url: string }[] }>('GET', '/webhooks')).data[0] as { id: string; url: string };
    expect(hook.url).toBe(receiver.url('/returnflow'));
    await page.getByTestId(`webhook-log-${hook.id}`).waitFor();

    const ret = requested.shift() as ReturnRow;
    await service('POST', `/returns/${ret.id}/approve`, {});
    const forReturn = () => receiver.requests.filter((r) => r.path === '/returnflow' && r.body.includes(ret.id));
    await expect.poll(() => forReturn().length, poll).toBe(1);
    expect(forReturn()[0]?.headers['returnflow-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(forReturn()[0]?.body ?? '{}')).toMatchObject({ type: 'return.approved' });

    await page.getByTestId(`webhook-log-${hook.id}`).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.locator('[data-delivery-status="delivered"]').first().waitFor();
    await shoot(page, 'integrations-zh-CN-webhook-deliveries.png');
    await drawer
      .getByRole('button', { name: /重新推送/ })
      .first()
      .click();
    await expect.poll(() => receiver.requests.filter((r) => r.path === '/returnflow').length, poll).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await shoot(page, 'integrations-zh-CN-webhooks.png');
  });

  it('adds a WeCom group robot and posts a test message to the group', async () => {
    const page = adminPage;
    await visit(page, '/console/notices?tab=robots', 'robot-add');
    await page.getByTestId('robot-add').click();
    await page.getByTestId('robot-name').fill('仓库收货群');
    await page.getByTestId('robot-url').fill(receiver.url('/cgi-bin/webhook/send?key=e2e-robot-key'));
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const tab = page.getByTestId('robots-tab');
    await expect.poll(() => tab.textContent(), poll).toContain('仓库收货群');
    // The stored address comes back without its key (the robot's secret).
    expect(JSON.stringify(await admin('GET', '/notification-robots'))).not.toContain('e2e-robot-key');
    await tab.getByRole('button', { name: /测\s*试/ }).click();
    const posts = () => receiver.requests.filter((r) => r.path === '/cgi-bin/webhook/send' && r.query.get('key') === 'e2e-robot-key');
    await expect.poll(() => posts().length, poll).toBe(1);
    expect(JSON.parse(posts()[0]?.body ?? '{}')).toHaveProperty('msgtype');
    await shoot(page, 'integrations-zh-CN-robots.png');
  });

  it('creates an API key that is shown once and works, then revokes it', async () => {
    const page = adminPage;
    await visit(page, '/console/connect?tab=api-keys', 'api-key-add');
    await page.getByTestId('api-key-add').click();
    await page.getByTestId('api-key-name').fill('ERP 同步');
    await page.getByTestId('api-key-create').click();
    const value = page.getByTestId('api-key-value');
    await value.waitFor();
    const key = ((await value.textContent()) ?? '').trim();
    expect(key.length).toBeGreaterThan(20);
    await shoot(page, 'integrations-zh-CN-api-key-created.png');
    const withKey = () => fetch(`${server.url}/api/v1/returns?limit=1`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await withKey()).toBe(200);

    await page.getByTestId('api-key-done').click();
    await page.getByTestId('api-key-created').waitFor({ state: 'detached' });
    // Shown once: neither the page nor the list answer holds it again.
    expect(await page.content()).not.toContain(key);
    const keys = await admin<{ data: { id: string; name: string; lastUsedAt: string | null }[] }>('GET', '/api-keys');
    expect(JSON.stringify(keys)).not.toContain(key);
    const created = keys.data.find((k) => k.name === 'ERP 同步');
    expect(created?.lastUsedAt).not.toBeNull();

    await page.getByTestId(`api-key-revoke-${created?.id}`).click();
    await confirm(page);
    await expect.poll(withKey, poll).toBe(401);
    await page.getByTestId(`api-key-revoke-${created?.id}`).waitFor({ state: 'detached' });
    await shoot(page, 'integrations-zh-CN-api-keys.png');
  });

  it('imports products: a file with one bad row is refused whole, the fixed file goes in', async () => {
    const page = adminPage;
    const header = '商品编码,商品名称,分类,售价(元),可退货';
    const file = (price: string) => ({
      name: 'products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\nE2E-IMP-001,导入测试T恤 白色 M,服装,59.00,是\nE2E-IMP-002,导入测试T恤 白色 L,服装,${price},是\n`, 'utf8'),
    });
    const imported = async () => (await admin<{ data: { sku: string }[] }>('GET', '/products?q=E2E-IMP')).data.map((p) => p.sku).sort();

    await visit(page, '/console/imports', 'import-kind-products');
    await page.getByTestId('import-kind-products').click();
    await shoot(page, 'integrations-zh-CN-imports.png');
    await page.locator('input[type=file]').setInputFiles(file('五十九'));
    const problems = page.getByTestId('import-has-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('1 处问题');
    const errors = await page.getByTestId('import-errors').textContent();
    expect(errors).toContain('第 3 行');
    expect(errors).toContain('售价');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shoot(page, 'integrations-zh-CN-import-problems.png');
    expect(await imported()).toEqual([]);

    await page.getByTestId('import-again').click();
    await page.locator('input[type=file]').setInputFiles(file('69.00'));
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-commit').isDisabled(), poll).toBe(false);
    expect(await page.getByTestId('import-preview').textContent()).toContain('E2E-IMP-002');
    expect(await imported()).toEqual([]);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-commit-ok').click();
    await page.getByTestId('import-done').waitFor();
    expect(await imported()).toEqual(['E2E-IMP-001', 'E2E-IMP-002']);
    await shoot(page, 'integrations-zh-CN-import-done.png');
  });

  it('exports the returns list to Excel with the filter on screen', async () => {
    const page = adminPage;
    await visit(page, '/console/returns?status=requested', 'page-returns');
    await page.getByTestId('page-returns').waitFor();
    await settle(page);
    const total = (await admin<{ total: number }>('GET', '/console/returns?status=requested&pageSize=1')).total;
    const all = (await admin<{ total: number }>('GET', '/console/returns?pageSize=1')).total;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-returns').click()]);
    expect(download.suggestedFilename()).toMatch(/^退货单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) as string);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const [head, ...body] = rows;
    expect(head?.slice(0, 4)).toEqual(['退货单号', '订单号', '客户', '状态']);
    expect(body.length).toBe(total);
    expect(new Set(body.map((r) => r[3]))).toEqual(new Set(['待审核']));
    expect(body.every((r) => /^RT-\d{8}-\d{4}$/.test(r[0] ?? ''))).toBe(true);
  });

  it('counts a new in-app notice on the bell and opens its return', async () => {
    const page = adminPage;
    await visit(page, '/console', 'notification-bell');
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('inbox-read-all').click();
    await expect.poll(() => page.getByTestId('unread-count').getAttribute('data-count'), poll).toBe('0');
    await page.keyboard.press('Escape');

    // A customer ships an approved return: the warehouse hears of it in the console.
    // One whose goods come back: an approved refund-only or returnless return has nothing to ship.
    const approved = (await admin<{ data: ReturnRow[] }>('GET', '/returns?status=approved&limit=50')).data;
    const ret = approved.find((r) => r.type !== 'refund_only' && !r.returnless) as ReturnRow;
    expect(ret).toBeDefined();
    shipped = ret;
    await service('POST', `/returns/${ret.id}/ship`, { carrier: '顺丰速运', trackingNumber: 'SF1400000000001' });
    await expect.poll(async () => Number(await page.getByTestId('unread-count').getAttribute('data-count')), poll).toBeGreaterThanOrEqual(1);
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('inbox-item').filter({ hasText: ret.number }).first();
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    await shoot(page, 'integrations-zh-CN-bell.png');
    const unread = async () => (await admin<{ unread: number }>('GET', '/notifications/inbox/unread-count')).unread;
    const before = await unread();
    await item.click();
    await page.waitForURL(`**/console/returns/${ret.id}`);
    // Opening it marks it read (the admin's count, as the server keeps it), and the return's page shows.
    await expect.poll(unread, poll).toBe(before - 1);
    await visit(page, `/console/returns/${ret.id}`, 'tracking-card');
    await expect.poll(async () => Number(await page.getByTestId('unread-count').getAttribute('data-count')), poll).toBe(before - 1);

    // The carrier's push (快递100 style) shows on the return's tracking card.
    const param = JSON.stringify({
      status: 'polling',
      lastResult: {
        state: '0',
        com: 'shunfeng',
        nu: 'SF1400000000001',
        data: [{ context: '【深圳市】快件已到达 深圳转运中心', ftime: '2026-11-27 10:00:00' }],
      },
    });
    const pushed = await fetch(`${server.url}/api/v1/logistics/kuaidi100/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ param, sign: kuaidi100Sign(param, salt) }).toString(),
    });
    expect(pushed.status).toBe(200);
    const card = page.getByTestId('tracking-card');
    await expect.poll(() => card.textContent(), poll).toContain('深圳转运中心');
    expect(await card.getByTestId('tracking-state').textContent()).toBe('运输中');
    const notices = page.getByTestId('return-notices');
    await expect.poll(() => notices.textContent(), poll).toContain('买家已寄回');
    await shoot(page, 'integrations-zh-CN-return-detail.png', true);
  });

  it('shows each role only what it may use', async () => {
    const menu = async (page: Page) => (await page.getByTestId('sider').textContent()) ?? '';
    const viewer = await open('viewer', 'zh-CN');
    await viewer.goto(`${server.url}/console`);
    await viewer.getByTestId('sider').waitFor();
    await settle(viewer);
    for (const entry of ['通知中心', '导入数据', '开放接口']) expect(await menu(viewer)).not.toContain(entry);
    await visit(viewer, '/console/connect', 'no-access');
    await viewer.getByTestId('no-access').waitFor();
    await visit(viewer, '/console/imports', 'no-access');
    await viewer.getByTestId('no-access').waitFor();

    const serviceDesk = await open('service', 'zh-CN');
    await serviceDesk.goto(`${server.url}/console/notices`);
    await serviceDesk.getByTestId('delivery-log').waitFor();
    expect(await menu(serviceDesk)).toContain('通知中心');
    expect(await menu(serviceDesk)).toContain('导入数据');
    expect(await menu(serviceDesk)).not.toContain('开放接口');
    // The log only: templates, channels and robots are the admin's.
    expect(await serviceDesk.locator('.ant-tabs-tab').count()).toBe(1);
    await visit(serviceDesk, '/console/imports', 'import-kinds');
    await serviceDesk.getByTestId('import-kinds').waitFor();
    expect(await serviceDesk.getByTestId('import-kind-products').count()).toBe(0);
    expect(await serviceDesk.getByTestId('import-kind-after_sales').count()).toBe(1);
    await visit(serviceDesk, '/console/connect', 'no-access');
    await serviceDesk.getByTestId('no-access').waitFor();
    await viewer.context().close();
    await serviceDesk.context().close();
  });

  it("keeps the bell in a phone's header without widening the page", async () => {
    const page = await open('warehouse', 'zh-CN', { width: 390, height: 844 });
    await visit(page, '/console', 'notification-bell');
    expect(await page.getByTestId('notification-bell').isVisible()).toBe(true);
    await shoot(page, 'integrations-zh-CN-phone-header.png');
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('inbox-list').waitFor();
    await shoot(page, 'integrations-zh-CN-phone-inbox.png');
    await page.context().close();
  });

  it('takes screenshots of every new screen in Chinese and English', async () => {
    const customerId = (await admin<{ data: ReturnRow[] }>('GET', '/returns?limit=1')).data[0]?.customerId;
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await open('admin', lang);
      const screens: [string, string, string][] = [
        ['/console/notices', 'delivery-log', 'notices-log'],
        ['/console/notices?tab=templates', 'template-editor', 'notices-templates'],
        ['/console/notices?tab=channels', 'channels-tab', 'notices-channels'],
        ['/console/notices?tab=robots', 'robots-tab', 'notices-robots'],
        ['/console/connect', 'webhooks-tab', 'connect-webhooks'],
        ['/console/connect?tab=api-keys', 'api-keys-tab', 'connect-api-keys'],
        ['/console/imports?kind=after_sales', 'import-platform', 'imports'],
        [`/console/customers/${customerId}`, 'notice-preferences', 'customer-preferences'],
      ];
      if (shipped) screens.push([`/console/returns/${shipped.id}`, 'tracking-card', 'return-detail']);
      for (const [path, testId, name] of screens) {
        await visit(page, path, testId);
        // The return's cards sit below the fold.
        await shoot(page, `integrations-${lang}-${name}.png`, name === 'return-detail');
      }
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('inbox-list').waitFor();
      // Everything was read above: the "all" view has something to show.
      await page.locator('.ant-drawer:visible .ant-segmented-item').nth(1).click();
      await page.getByTestId('inbox-item').first().waitFor();
      await shoot(page, `integrations-${lang}-inbox.png`);
      const inbox = (await page.getByTestId('inbox-list').textContent()) ?? '';
      expect(inbox).not.toMatch(/inbox\.|integrations:|console:/);
      expect(inbox).toContain(lang === 'en' ? 'team' : '岗位');
      expect(await page.getByTestId('sider').textContent()).toContain(lang === 'en' ? 'Notices' : '通知中心');
      await page.context().close();
    }
  });
});
