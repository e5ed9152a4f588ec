/**
 * Done when: in the console alone, a manager creates a rule no code names ("customers with
 * a return rate over 30% in 90 days get a second review"), tries it in the simulator,
 * publishes it, and adds a stage "finance approval above ¥500"; the next portal return
 * follows both while an older return keeps its version. Screenshots of the policy and
 * process pages in both languages go to test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser.ts';
import { adminEmail, adminPassword, apiAs, type RunningServer, startServer } from './support/server.ts';

const password = 'policy-e2e-1';
const people = {
  manager: 'manager@policy-e2e.returnflow.test',
  service: 'service@policy-e2e.returnflow.test',
  service2: 'service2@policy-e2e.returnflow.test',
  warehouse: 'warehouse@policy-e2e.returnflow.test',
  finance: 'finance@policy-e2e.returnflow.test',
  finance2: 'finance2@policy-e2e.returnflow.test',
} as const;
const roleOf: Record<keyof typeof people, string> = {
  manager: 'manager',
  service: 'service',
  service2: 'service',
  warehouse: 'warehouse',
  finance: 'finance',
  finance2: 'finance',
};

type Api = Awaited<ReturnType<typeof apiAs>>;

describe('no-code policy and process', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Api;
  const as: Partial<Record<keyof typeof people, Api>> = {};
  const orderNumber = `SO-POLICY-${Date.now()}`;
  const phone = '13900001111';
  let order: { id: string; lines: { id: string }[] };
  let older: { id: string; policyVersion: number };

  beforeAll(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    admin = await apiAs(server.url, adminEmail, adminPassword);
    for (const [key, email] of Object.entries(people)) {
      await admin('POST', '/users', { email, name: key, password, roles: [roleOf[key as keyof typeof people]] });
      as[key as keyof typeof people] = await apiAs(server.url, email, password);
    }
    await admin('POST', '/products', { sku: 'COAT-01', name: '羊毛大衣', category: '服装', price: 60_000 });
    const customer = await admin('POST', '/customers', { name: '李女士', phone, email: 'li@example.com' });
    order = await admin('POST', '/orders', {
      number: orderNumber,
      customerId: customer.id,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: new Date(Date.now() - 6 * 86_400_000).toISOString(),
      deliveredAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      lines: [{ sku: 'COAT-01', quantity: 4, unitPrice: 60_000 }],
      payments: [{ method: 'alipay', amount: 240_000 }],
    });
    // An older return, filed before the manager's changes: two of the four coats.
    older = await portalPost('/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 2, reasonCode: 'no_reason' }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function portalPost<T = any>(path: string, body: unknown): Promise<T> {
    const session = await fetch(`${server.url}/api/v1/portal/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber, contact: phone }),
    });
    const { token } = (await session.json()) as { token: string };
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`portal ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function open(email: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: email === adminEmail ? adminPassword : password }),
    });
    const { token } = (await login.json()) as { token: string };
    // The console speaks the language saved on the user.
    await fetch(`${server.url}/api/v1/auth/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ locale: lang }),
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang });
    await context.addInitScript(
      ([t, l]) => {
        localStorage.setItem('rf.console.token', t as string);
        localStorage.setItem('rf.lang', l as string);
      },
      [token, lang],
    );
    return context.newPage();
  }

  const input = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

  /** Picks an option of an antd Select by its text. */
  /**
   * Picks an option of an antd Select. On a loaded machine the previous pick's dropdown can
   * still be closing: wait until none is open, then click in the one this click opens.
   */
  async function pick(page: Page, select: Locator, text: string) {
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await open.first().waitFor({ state: 'hidden' });
    await select.click();
    await open.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    await open.first().waitFor({ state: 'hidden' });
  }

  async function shot(page: Page, file: string) {
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur, .ant-skeleton'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, file) });
  }

  it('a manager writes the rule in the editor, tries it in the simulator and publishes it', async () => {
    const page = await open(people.manager);
    await page.goto(`${server.url}/console/policy`);
    await page.getByTestId('rule-add').click();
    await input(page, 'rule-name-0').fill('高退货率客户二级审核');
    await page.getByTestId('condition-add-0').click();
    await pick(page, page.getByTestId('condition-0-0-fact'), '退货率');
    await input(page, 'condition-0-0-days').fill('90');
    await input(page, 'condition-0-0-value').fill('30');
    await pick(page, page.getByTestId('condition-0-0-op'), '高于');
    await pick(page, page.getByTestId('outcome-0-0-type'), '需二级审核');
    await expect.poll(() => page.getByTestId('rule-sentence-0').textContent()).toBe('当近90天退货率 高于 30%时：需二级审核（两人审核）');
    await expect.poll(() => page.getByTestId('policy-dirty').isVisible()).toBe(true);

    // The simulator runs the draft on the customer's order: half of it is already coming back.
    await page.getByRole('tab', { name: '模拟器' }).click();
    await input(page, 'sim-order-number').fill(orderNumber);
    await input(page, 'sim-order-number').press('Enter');
    await expect.poll(() => page.getByTestId('sim-verdict').textContent()).toContain('二级审核');
    expect(await page.getByTestId('sim-result').textContent()).toContain('近90天退货率50%，高于30%');
    await shot(page, 'policy-zh-CN-simulator.png');
    expect((await admin('GET', '/policy')).rules).toEqual([]);

    await page.getByRole('tab', { name: '规则' }).click();
    await shot(page, 'policy-zh-CN-rules.png');
    await page.getByTestId('policy-publish').click();
    await expect.poll(() => page.getByTestId('changes-list').textContent()).toContain('高退货率客户二级审核');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('policy-dirty').count()).toBe(0);
    const policy = await admin('GET', '/policy');
    expect(policy.rules).toEqual([expect.objectContaining({ name: '高退货率客户二级审核', outcomes: [{ type: 'second_review' }] })]);
    expect(policy.version).toBe(older.policyVersion + 1);

    await page.getByRole('tab', { name: '版本历史' }).click();
    await page.getByTestId('policy-history').getByText(`第 ${policy.version} 版`).click();
    await expect.poll(() => page.getByTestId('policy-history').textContent()).toContain('manager');
    await expect.poll(() => page.getByTestId('policy-history').getByTestId('changes-list').textContent()).toContain('高退货率客户二级审核');
    await shot(page, 'policy-zh-CN-history.png');
    await page.context().close();
  });

  it('the manager adds a finance approval above ¥500 to the process, in the flowchart', async () => {
    const page = await open(people.manager);
    await page.goto(`${server.url}/console/process`);
    await page.getByTestId('process-design').click();
    await page.getByTestId('design-add-finance_approval').click();
    await page.getByTestId('design-panel').waitFor();
    await input(page, 'design-min-amount').fill('500');
    await expect.poll(() => page.getByTestId('design-path').textContent()).toContain('退款超过 ¥500.00 须另一位财务审批');
    await expect.poll(() => page.getByTestId('design-stage-finance_approval').textContent()).toContain('财务审批');
    await shot(page, 'process-zh-CN-design.png');
    await page.getByTestId('design-publish').click();
    await expect.poll(() => page.getByTestId('process-dirty').count()).toBe(0);
    const process = await admin('GET', '/process');
    expect(process.stages.find((s: { code: string }) => s.code === 'finance_approval')).toMatchObject({ enabled: true, minAmount: 50_000 });
    await page.context().close();
  });

  it('the next portal return follows the rule and the stage; the older one keeps its version', async () => {
    const next = await portalPost('/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expect(next.policyVersion).toBe(older.policyVersion + 1);
    expect(next.decision.route).toMatchObject({ approvalsRequired: 2, financeApprovalAbove: 50_000 });
    expect(next.decision.rules.find((r: { ruleId?: string }) => r.ruleId)?.message).toContain('高退货率客户二级审核');

    const service = as.service as Api;
    const first = await service('POST', `/returns/${next.id}/approve`, {});
    expect(first.status).toBe('requested');
    const second = await (as.service2 as Api)('POST', `/returns/${next.id}/approve`, {});
    expect(second.status).toBe('approved');
    const warehouse = as.warehouse as Api;
    const line = next.lines[0].id;
    await warehouse('POST', `/returns/${next.id}/receive`, { lines: [{ lineId: line, quantity: 1 }] });
    await warehouse('POST', `/returns/${next.id}/inspect`, { lines: [{ lineId: line, quantity: 1, grade: 'A', disposition: 'restock' }] });
    const held = await (as.finance as Api)('POST', `/returns/${next.id}/refund`, { method: 'original' });
    expect(held).toMatchObject({ stage: 'finance_approval', refunds: [expect.objectContaining({ amount: 60_000, status: 'pending_approval' })] });

    // The older return was decided under the version before: one reviewer, and its refund is paid at once.
    const approved = await service('POST', `/returns/${older.id}/approve`, {});
    expect(approved).toMatchObject({ status: 'approved', policyVersion: older.policyVersion });
    const olderLine = approved.lines[0].id;
    await warehouse('POST', `/returns/${older.id}/receive`, { lines: [{ lineId: olderLine, quantity: 2 }] });
    await warehouse('POST', `/returns/${older.id}/inspect`, { lines: [{ lineId: olderLine, quantity: 2, grade: 'A', disposition: 'restock' }] });
    const paid = await (as.finance as Api)('POST', `/returns/${older.id}/refund`, { method: 'original' });
    expect(paid).toMatchObject({ status: 'resolved', refunds: [expect.objectContaining({ amount: 120_000, status: 'paid' })] });

    // Anyone can see why: the decision in words on the return's page.
    const page = await open(people.manager);
    await page.goto(`${server.url}/console/returns/${next.id}`);
    await expect.poll(() => page.getByTestId('decision-rules').textContent()).toContain('高退货率客户二级审核');
    expect(await page.getByTestId('decision-rules').textContent()).toContain('须经财务审批');
    expect(await page.getByTestId('timeline').textContent()).toContain('一级审核通过');
    await shot(page, 'policy-zh-CN-return.png');
    await page.context().close();
  });

  it('a manager sets a fee for grade C goods, sees it in the simulator, publishes it, and the next refund takes it', async () => {
    const page = await open(people.manager);
    await page.goto(`${server.url}/console/policy?tab=basics`);
    await input(page, 'grade-fee-C').fill('20');
    await input(page, 'grade-fee-C').press('Tab');
    await expect.poll(() => page.getByTestId('policy-dirty').isVisible()).toBe(true);
    await page.getByTestId('grade-fee-C').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'policy-zh-CN-basics-grade-fee.png');

    // The simulator: the last coat, as if it came back in grade C — 20 % of ¥600 is kept.
    await page.getByRole('tab', { name: '模拟器' }).click();
    await input(page, 'sim-order-number').fill(orderNumber);
    await input(page, 'sim-order-number').press('Enter');
    await expect.poll(() => page.getByTestId('sim-money').textContent()).toContain('¥600.00');
    await pick(page, page.getByTestId('sim-grade'), '假设全部为 C 级');
    await page.getByTestId('sim-run').click();
    await expect.poll(() => page.getByTestId('sim-money').textContent()).toContain('预计退款（C 级）¥480.00');
    expect(await page.getByTestId('sim-result').textContent()).toContain('等级费用¥120.00');
    await shot(page, 'policy-zh-CN-simulator-grade.png');
    expect((await admin('GET', '/policy')).gradeFeePercent.C).toBe(0);

    await page.getByTestId('policy-publish').click();
    await expect.poll(() => page.getByTestId('changes-list').textContent()).toContain('检验等级费用');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('policy-dirty').count()).toBe(0);
    const policy = await admin('GET', '/policy');
    expect(policy.gradeFeePercent).toEqual({ A: 0, B: 0, C: 20, D: 0 });
    // the audit trail names the change and who made it
    const versions = await admin('GET', '/policy/versions');
    expect(versions.data[0]).toMatchObject({ version: policy.version, createdBy: { name: 'manager' } });
    const changes = await admin('GET', `/policy/versions/${policy.version}/changes`);
    expect(changes.changes).toContainEqual({ path: 'gradeFeePercent.C', before: 0, after: 20 });
    await page.context().close();

    // The last coat comes back in grade C: the refund keeps the fee.
    const last = await portalPost('/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expect(last.policyVersion).toBe(policy.version);
    await (as.service as Api)('POST', `/returns/${last.id}/approve`, {});
    await (as.service2 as Api)('POST', `/returns/${last.id}/approve`, {});
    const warehouse = as.warehouse as Api;
    const line = last.lines[0].id;
    await warehouse('POST', `/returns/${last.id}/receive`, { lines: [{ lineId: line, quantity: 1 }] });
    const inspected = await warehouse('POST', `/returns/${last.id}/inspect`, {
      lines: [{ lineId: line, quantity: 1, grade: 'C', disposition: 'damaged' }],
    });
    expect(inspected.refundableAmount).toBe(48_000);
  });

  it('shows the policy and process pages in English too', async () => {
    const page = await open(people.manager, 'en');
    await page.goto(`${server.url}/console/policy`);
    await expect.poll(() => page.getByTestId('rule-card-0').textContent()).toContain('Second review');
    await shot(page, 'policy-en-rules.png');
    await page.getByRole('tab', { name: 'Basics' }).click();
    await shot(page, 'policy-en-basics.png');
    await page.getByTestId('grade-fee-C').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await page.getByText('Fee by inspection grade').isVisible()).toBe(true);
    await shot(page, 'policy-en-basics-money.png');
    await page.getByRole('tab', { name: 'Reasons' }).click();
    await shot(page, 'policy-en-reasons.png');
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await input(page, 'sim-order-number').fill(orderNumber);
    await input(page, 'sim-order-number').press('Enter');
    await expect.poll(() => page.getByTestId('sim-verdict').textContent()).toContain('Second review');
    await shot(page, 'policy-en-simulator.png');
    await page.getByTestId('policy-presets').click();
    await page.getByTestId('preset-consumer_7day').waitFor();
    await shot(page, 'policy-en-presets.png');
    await page.goto(`${server.url}/console/process/design`);
    await page.getByTestId('design-stage-inspection').click();
    await page.getByTestId('design-toggle-inspection').click();
    await expect.poll(() => page.getByTestId('design-path').textContent()).toContain('Inspection is off');
    await shot(page, 'process-en-design.png');
    await page.context().close();

    const zh = await open(people.manager);
    await zh.goto(`${server.url}/console/policy?tab=basics`);
    await zh.getByText('退货期限', { exact: true }).waitFor();
    await shot(zh, 'policy-zh-CN-basics.png');
    await zh.goto(`${server.url}/console/policy?tab=reasons`);
    await zh.getByText('添加原因').waitFor();
    await shot(zh, 'policy-zh-CN-reasons.png');
    await zh.goto(`${server.url}/console/process`);
    await zh.getByTestId('flow-stage-finance_approval').waitFor();
    await shot(zh, 'process-zh-CN-flow.png');
    await zh.context().close();
  });
});
