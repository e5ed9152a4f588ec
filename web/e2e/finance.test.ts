/**
 * Money in a real browser: finance refunds one return into store credit from the refund
 * modal (the breakdown explained), asks for another above the approval limit, and a
 * second finance user approves it from the finance queue; the requester cannot. Then the
 * finance pages in both languages, photographed for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser.ts';
import { adminEmail, adminPassword, apiAs, type RunningServer, startServer } from './support/server.ts';

const password = 'finance-e2e-1';
const finance = { email: 'finance1@e2e.returnflow.test', name: '陈财务' };
const approver = { email: 'finance2@e2e.returnflow.test', name: '刘会计' };

describe('finance in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  const returns: Record<'credit' | 'big', { id: string; number: string; customerId: string }> = {} as never;
  let exchangeId = '';

  /** An order of one product, returned and inspected through the API. */
  async function inspectedReturn(sku: string, price: number) {
    const customer = await admin('POST', '/customers', { name: '王小明', phone: `139${String(Date.now()).slice(-8)}` });
    const order = await admin('POST', '/orders', {
      number: `SO-FIN-${sku}-${Date.now()}`,
      customerId: customer.id,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
      lines: [{ sku, quantity: 1, unitPrice: price }],
      payments: [{ method: 'alipay', amount: price }],
    });
    const ret = await admin('POST', '/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0].id, quantity: 1, reasonCode: 'no_reason' }],
    });
    await admin('POST', `/returns/${ret.id}/approve`, {});
    await admin('POST', `/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    await admin('POST', `/returns/${ret.id}/inspect`, { lines: [{ lineId: ret.lines[0].id, quantity: 1, grade: 'B', disposition: 'restock' }] });
    return { id: ret.id as string, number: ret.number as string, customerId: customer.id as string };
  }

  beforeAll(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
    admin = await apiAs(server.url, adminEmail, adminPassword);
    for (const user of [finance, approver]) await admin('POST', '/users', { email: user.email, name: user.name, password, roles: ['finance'] });
    await admin('PUT', '/policy', { refundApprovalLimit: 50_000, storeCreditBonusPercent: 10, gradeFeePercent: { B: 5 } });
    await admin('POST', '/products', { sku: 'MUG-01', name: '陶瓷马克杯', category: '家居', price: 12_000 });
    await admin('POST', '/products', { sku: 'COAT-01', name: '羊毛大衣', category: '服装', price: 89_900 });
    await admin('POST', '/products', { sku: 'TEE-M', name: '纯棉T恤', category: '服装', price: 7900, groupCode: 'TEE', variantLabel: 'M' });
    await admin('POST', '/products', { sku: 'TEE-L', name: '纯棉T恤', category: '服装', price: 7900, groupCode: 'TEE', variantLabel: 'L' });
    await admin('POST', '/inventory/adjustments', { sku: 'TEE-L', location: 'MAIN', quantity: 5, reason: 'opening' });
    const buyer = await admin('POST', '/customers', { name: '赵六', phone: '13700001111' });
    const teeOrder = await admin('POST', '/orders', {
      number: `SO-FIN-TEE-${Date.now()}`,
      customerId: buyer.id,
      channel: 'jd',
      currency: 'CNY',
      placedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
      lines: [{ sku: 'TEE-M', quantity: 1, unitPrice: 7900 }],
      payments: [{ method: 'wechat', amount: 7900 }],
    });
    const exchange = await admin('POST', '/returns', {
      orderId: teeOrder.id,
      resolution: 'exchange',
      lines: [{ orderLineId: teeOrder.lines[0].id, quantity: 1, reasonCode: 'no_reason', replacement: { sku: 'TEE-L', quantity: 1 } }],
    });
    await admin('POST', `/returns/${exchange.id}/approve`, {});
    exchangeId = exchange.id;
    returns.credit = await inspectedReturn('MUG-01', 12_000);
    returns.big = await inspectedReturn('COAT-01', 89_900);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
    const page = await context.newPage();
    await page.goto(`${server.url}/console${locale === 'en' ? '?lang=en' : ''}`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sider').waitFor();
    return page;
  }
  const status = (page: Page) => page.locator('[data-status]').first();
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, name), fullPage: true });

  it('finance refunds a return into store credit after reading the breakdown', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    const page = await signIn(finance.email);
    await page.goto(`${server.url}/console/returns/${returns.credit.id}`);
    await page.getByTestId('action-refund').click();
    const breakdown = page.getByTestId('refund-breakdown');
    // 120.00 paid, grade B 5 %: 6.00 off, 114.00 to refund
    await expect.poll(() => breakdown.textContent()).toContain('¥114.00');
    expect(await breakdown.textContent()).toContain('¥120.00');
    expect(await breakdown.textContent()).toContain('品级 B');
    await page.getByTestId('refund-method').getByText('店铺余额').click();
    await shot(page, 'finance-zh-CN-refund-modal.png');
    await page.getByTestId('refund-next').click();
    expect(await page.getByTestId('refund-confirmation').textContent()).toContain('¥114.00');
    await page.getByTestId('refund-confirm').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('resolved');
    const credit = await admin('GET', `/customers/${returns.credit.customerId}/store-credit`);
    // 114.00 in store credit and the 10 % bonus beside it
    expect(credit.balance).toBe(11_400 + 1140);

    // the coat is above the approval limit: asked for, it waits for someone else
    await page.goto(`${server.url}/console/returns/${returns.big.id}`);
    await page.getByTestId('action-refund').click();
    await expect.poll(() => page.getByTestId('refund-breakdown').textContent()).toContain('¥854.05');
    await page.getByTestId('refund-next').click();
    await page.getByTestId('refund-confirm').click();
    await expect.poll(() => page.getByTestId('refund-card').textContent()).toContain('待审批');
    expect(await status(page).getAttribute('data-status')).toBe('inspected');

    // the requester sees it in the queue but may not approve it
    await page.getByRole('menuitem', { name: '财务对账' }).click();
    await page.getByTestId('finance-queue').waitFor();
    await expect.poll(() => page.getByTestId('finance-queue').textContent()).toContain('需另一位财务审批');
    await page.context().close();
  });

  it('a second finance user approves the held refund from the finance queue', async () => {
    const page = await signIn(approver.email);
    await expect.poll(() => page.getByTestId('refund-deadline-card').textContent()).toContain('待审批');
    await page.getByTestId('open-finance').click();
    const queue = page.getByTestId('finance-queue');
    await expect.poll(() => queue.textContent()).toContain(returns.big.number);
    expect(await queue.textContent()).toContain('时限');
    await shot(page, 'finance-zh-CN-queue.png');
    await queue.getByRole('button', { name: '批准并付款' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(async () => (await admin('GET', `/returns/${returns.big.id}`)).status).toBe('resolved');
    await expect.poll(() => queue.textContent()).not.toContain(returns.big.number);

    const refunds = await admin('GET', `/refunds?returnId=${returns.big.id}`);
    const detail = await admin('GET', `/refunds/${refunds.data[0].id}`);
    expect(detail.audit.map((a: { action: string }) => a.action)).toEqual(['refund.requested', 'refund.approved']);
    expect(detail.audit[1].actor.name).toBe(approver.name);

    await page.getByRole('tab', { name: '对账与日结' }).click();
    await expect.poll(() => page.getByTestId('recon-checks').textContent()).toContain('一致');
    await shot(page, 'finance-zh-CN-reconciliation.png');
    await page.getByRole('tab', { name: '退款单' }).click();
    await page.getByTestId('refund-documents').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('note-red-confirmation').fill('4403202400001234');
    await page.getByTestId('note-save').click();
    await expect.poll(async () => (await admin('GET', `/refunds/${refunds.data[0].id}/note`)).redConfirmationNumber).toBe('4403202400001234');
    await shot(page, 'finance-zh-CN-note.png');
    await page.context().close();
  });

  it('shows the finance pages in English', async () => {
    const page = await signIn(approver.email, 'en');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('Finance');
    await page.goto(`${server.url}/console/finance?tab=queue`);
    await page.getByTestId('finance-queue').waitFor();
    await shot(page, 'finance-en-queue.png');
    await page.goto(`${server.url}/console/finance?tab=reconciliation`);
    await expect.poll(() => page.getByTestId('recon-checks').textContent()).toContain('Agrees');
    await shot(page, 'finance-en-reconciliation.png');
    await page.goto(`${server.url}/console/returns/${returns.big.id}`);
    await expect.poll(() => page.getByTestId('refund-card').textContent()).toContain('Paid');
    await shot(page, 'finance-en-return.png');
    await page.goto(`${server.url}/console/returns/${exchangeId}`);
    await expect.poll(() => page.getByTestId('exchange-card').textContent()).toContain('Held in stock');
    await shot(page, 'finance-en-exchange.png');
    await page.context().close();
  });
});
