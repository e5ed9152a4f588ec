/**
 * The staff console in a real browser: service files a return for a caller and approves it,
 * the warehouse scans the parcel in and inspects it, finance refunds it; each role sees only
 * its own actions. Then the language switch, remembered across a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { adminEmail, adminPassword, apiAs, type RunningServer, startServer } from './support/server.ts';

const password = 'console-e2e-1';
const staff = {
  service: { email: 'service@e2e.returnflow.test', name: '李客服' },
  warehouse: { email: 'warehouse@e2e.returnflow.test', name: '张仓管' },
  finance: { email: 'finance@e2e.returnflow.test', name: '陈财务' },
} as const;

describe('staff console', () => {
  let server: RunningServer;
  let browser: Browser;
  let orderNumber: string;
  const trackingNumber = `SF${Date.now()}`;

  beforeAll(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
    const admin = await apiAs(server.url, adminEmail, adminPassword);
    for (const [role, user] of Object.entries(staff)) {
      await admin('POST', '/users', { email: user.email, name: user.name, password, roles: [role] });
    }
    await admin('POST', '/products', { sku: 'TEE-WHT-M', name: '纯棉圆领T恤 白色 M', category: '服装', price: 7900 });
    await admin('POST', '/inventory/adjustments', { sku: 'TEE-WHT-M', location: 'MAIN', quantity: 20, reason: '期初库存' });
    const customer = await admin('POST', '/customers', { name: '王小明', phone: '13812345678', email: 'xiaoming@example.com' });
    orderNumber = `SO-E2E-${Date.now()}`;
    await admin('POST', '/orders', {
      number: orderNumber,
      customerId: customer.id,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: new Date(Date.now() - 4 * 86_400_000).toISOString(),
      deliveredAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      stockLocation: 'MAIN',
      lines: [{ sku: 'TEE-WHT-M', quantity: 2, unitPrice: 7900 }],
      payments: [{ method: 'alipay', amount: 15_800 }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sider').waitFor();
    return page;
  }

  const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
  const status = (page: Page) => page.locator('[data-status]').first();
  let returnUrl = '';

  it('service files a return for a caller, sees the policy live, and approves it', async () => {
    const page = await signIn(staff.service.email);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('queue-review').isVisible()).toBe(true);

    await page.getByRole('menuitem', { name: '代客建单' }).click();
    await field(page, 'order-search').fill(orderNumber);
    await field(page, 'order-search').press('Enter');
    await field(page, 'pick-TEE-WHT-M').check();
    await expect.poll(() => page.getByTestId('create-verdict').textContent()).toContain('符合政策');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/console\/returns\/ret_/);
    returnUrl = page.url();

    await expect.poll(() => status(page).getAttribute('data-status')).toBe('requested');
    expect(await page.locator('main, .ant-layout-content').first().textContent()).toContain('电话');
    expect(await page.getByTestId('decision-rules').textContent()).toContain('纯棉圆领T恤');
    expect(await page.getByTestId('sop-steps').textContent()).toContain('核对订单与签收日期');
    await page.getByTestId('action-approve').waitFor();
    expect(await page.getByTestId('action-receive').count()).toBe(0);
    expect(await page.getByTestId('action-refund').count()).toBe(0);

    await page.getByTestId('action-approve').click();
    await page.getByTestId('approve-confirm').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('approved');
    await expect.poll(() => page.getByTestId('action-approve').count()).toBe(0);

    // The customer calls to say the parcel is on its way: service records it for them.
    await page.getByTestId('action-ship').click();
    await page.getByRole('dialog').locator('input').nth(0).fill('顺丰速运');
    await page.getByRole('dialog').locator('input').nth(1).fill(trackingNumber);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('in_transit');
    expect(await page.getByTestId('timeline').textContent()).toContain('李客服');
    await page.context().close();
  });

  it('the warehouse scans the tracking number, receives in two parcels and inspects; it may not approve or refund', async () => {
    const page = await signIn(staff.warehouse.email);
    await expect.poll(() => page.getByTestId('queue-in_transit').getByTestId('queue-count').textContent()).toBe('1');

    const scan = page.locator('header').getByTestId('scan-box');
    await scan.fill('NO-SUCH-PARCEL');
    await scan.press('Enter');
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('没有找到');

    await scan.fill(trackingNumber);
    await scan.press('Enter');
    await page.waitForURL(/mode=receive/);
    expect(page.url().split('?')[0]).toBe(returnUrl);
    await page.getByTestId('receive-panel').waitFor();
    expect(await field(page, 'receive-qty-TEE-WHT-M').inputValue()).toBe('2');
    await expect.poll(() => page.getByTestId('customer-card').textContent()).toContain('138****5678');
    expect(await page.getByTestId('action-receive').count()).toBe(1);
    expect(await page.getByTestId('action-approve').count()).toBe(0);

    // Only one unit arrived in this parcel.
    await field(page, 'receive-qty-TEE-WHT-M').fill('1');
    await expect.poll(() => page.getByTestId('receive-panel').textContent()).toContain('部分收货');
    await page.getByTestId('receive-submit').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('received');
    await expect.poll(() => page.getByTestId('receive-panel').count()).toBe(0);
    await page.waitForURL((url) => !url.search.includes('mode='));

    await page.getByTestId('action-receive').click();
    expect(await field(page, 'receive-qty-TEE-WHT-M').inputValue()).toBe('1');
    await page.getByTestId('receive-submit').click();
    await expect.poll(() => page.getByTestId('receive-panel').count()).toBe(0);

    await page.getByTestId('action-inspect').click();
    expect(await page.getByTestId('inspect-destination').first().textContent()).toContain('可售库位');
    await page.getByTestId('inspect-grade').first().locator('.ant-segmented-item', { hasText: 'C' }).click();
    expect(await page.getByTestId('inspect-destination').first().textContent()).toContain('不良品区');
    await page.getByTestId('inspect-grade').first().locator('.ant-segmented-item', { hasText: 'A' }).click();
    await page.getByTestId('inspect-submit').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('inspected');
    await expect.poll(() => page.getByTestId('no-actions').textContent()).toContain('财务');
    expect(await page.getByTestId('action-refund').count()).toBe(0);
    await page.context().close();
  });

  it('finance sees the refund in its queue, checks the breakdown and pays it after confirming', async () => {
    const page = await signIn(staff.finance.email);
    await expect.poll(() => page.getByTestId('queue-refund').getByTestId('queue-count').textContent()).toBe('1');
    await page.getByTestId('return-link').first().click();
    await page.waitForURL(returnUrl);
    await page.getByTestId('action-refund').waitFor();
    expect(await page.getByTestId('action-inspect').count()).toBe(0);
    expect(await page.getByTestId('action-approve').count()).toBe(0);

    await page.getByTestId('action-refund').click();
    const breakdown = await page.getByTestId('refund-breakdown').textContent();
    expect(breakdown).toContain('¥158.00');
    await page.getByTestId('refund-next').click();
    expect(await page.getByTestId('refund-confirmation').textContent()).toContain('¥158.00');
    await page.getByTestId('refund-confirm').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('resolved');
    expect(await page.getByTestId('refund-card').textContent()).toContain('已支付');
    await page.context().close();
  });

  it('switches to English, remembers it for the user across a reload, and back', async () => {
    const page = await signIn(staff.finance.email);
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('工作台');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('My work');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const finance = await apiAs(server.url, staff.finance.email, password);
    expect((await finance('GET', '/auth/me')).locale).toBe('en');

    await page.reload();
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('My work');
    await page.goto(returnUrl);
    await expect.poll(() => page.getByTestId('refund-card').textContent()).toContain('Paid');

    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('sider').textContent()).toContain('工作台');
    expect((await finance('GET', '/auth/me')).locale).toBe('zh-CN');
    await page.context().close();
  });
});
