/**
 * The customer portal on a phone-sized screen (375×667) in Chromium: look up an order,
 * see why a line cannot be returned, file a return with a photo, get the slip, enter the
 * tracking number, and watch the return move as staff act — plus the lookup rate limit,
 * SMS sign-in, the signed progress link, and another customer's return answering 404.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../server/src/modules/slips/png.ts';
import { pdfText } from '../../server/test/support/pdf-text.ts';
import { launchBrowser, screenshotDir } from './support/browser.ts';
import { adminEmail, adminPassword, apiAs, type RunningServer, startServer } from './support/server.ts';

const phone = { width: 375, height: 667 };
const tallPhone = { width: 375, height: 812 };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A 96×96 PNG (a photo of the damage, as far as the test is concerned), made by the server's own encoder. */
function testPhoto(): Buffer {
  const size = 96;
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels.set((x + y) % 24 < 12 ? [230, 226, 220] : [120, 140, 170], (y * size + x) * 3);
  }
  return encodePng(size, size, pixels);
}

describe('customer portal in Chromium at 375×667', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let uploads: string;
  const shots = (name: string) => join(screenshotDir, `portal-${name}.png`);
  const seed = {
    orderNumber: 'TB2026112700001',
    otherOrderNumber: 'JD2026112600777',
    olderOrderNumber: 'TB2026111700003',
    oldestOrderNumber: 'TB2026101800004',
    phone: '13912345678',
    otherPhone: '13698765432',
    returnId: '',
    returnNumber: '',
  };

  async function newPage(
    language: 'zh-CN' | 'en' = 'zh-CN',
    o: { wechat?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: o.viewport ?? phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: language,
      acceptDownloads: true,
      userAgent: o.wechat
        ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN'
        : 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1 ReturnFlowE2E',
    });
    const page = await context.newPage();
    if (language === 'en') await page.addInitScript(() => localStorage.setItem('rf.lang', 'en'));
    return { context, page };
  }

  beforeAll(async () => {
    uploads = mkdtempSync(join(tmpdir(), 'rf-e2e-uploads-'));
    server = await startServer({ env: { LOG_LEVEL: 'info', RETURNFLOW_SMS_PROVIDER: 'log', RETURNFLOW_UPLOAD_DIR: uploads } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    api = await apiAs(server.url, adminEmail, adminPassword);

    for (const product of [
      { sku: 'TEE-WHITE-L', name: '纯棉圆领T恤 白色 L', category: '服装', price: 9900 },
      { sku: 'MUG-PHOTO', name: '定制照片马克杯', category: '定制商品', price: 5900 },
      { sku: 'SOCKS-5', name: '运动袜 5双装', category: '服装', price: 3900 },
    ]) {
      await api('POST', '/products', product);
    }
    const customer = await api<{ id: string }>('POST', '/customers', { name: '张小花', phone: seed.phone, email: 'xiaohua@example.com' });
    const order = await api<{ id: string; lines: { id: string; sku: string }[] }>('POST', '/orders', {
      number: seed.orderNumber,
      customerId: customer.id,
      channel: 'tmall',
      placedAt: daysAgo(5),
      deliveredAt: daysAgo(2),
      lines: [
        { sku: 'TEE-WHITE-L', quantity: 1, unitPrice: 9900 },
        { sku: 'MUG-PHOTO', quantity: 1, unitPrice: 5900 },
        { sku: 'SOCKS-5', quantity: 2, unitPrice: 3900 },
      ],
      payments: [{ method: 'alipay', amount: 9900 + 5900 + 7800 }],
    });
    // The socks were already returned through customer service.
    const socks = order.lines.find((l) => l.sku === 'SOCKS-5');
    await api('POST', '/returns', { orderId: order.id, resolution: 'refund', lines: [{ orderLineId: socks?.id, quantity: 2, reasonCode: 'no_reason' }] });

    // Older orders: one past the no-reason window but within the fault exchange window, one past every window.
    await api('POST', '/orders', {
      number: seed.olderOrderNumber,
      customerId: customer.id,
      channel: 'tmall',
      placedAt: daysAgo(13),
      deliveredAt: daysAgo(10),
      lines: [{ sku: 'TEE-WHITE-L', quantity: 1, unitPrice: 9900 }],
      payments: [{ method: 'alipay', amount: 9900 }],
    });
    await api('POST', '/orders', {
      number: seed.oldestOrderNumber,
      customerId: customer.id,
      channel: 'tmall',
      placedAt: daysAgo(45),
      deliveredAt: daysAgo(40),
      lines: [{ sku: 'SOCKS-5', quantity: 1, unitPrice: 3900 }],
      payments: [{ method: 'alipay', amount: 3900 }],
    });

    const other = await api<{ id: string }>('POST', '/customers', { name: '李四', phone: seed.otherPhone });
    await api('POST', '/orders', {
      number: seed.otherOrderNumber,
      customerId: other.id,
      channel: 'jd',
      placedAt: daysAgo(3),
      deliveredAt: daysAgo(1),
      lines: [{ sku: 'TEE-WHITE-L', quantity: 1, unitPrice: 9900 }],
      payments: [{ method: 'wechat', amount: 9900 }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (uploads) rmSync(uploads, { recursive: true, force: true });
  });

  it('looks up an order, explains the lines that cannot be returned, and files a return with a photo', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    await expect.poll(() => page.getByRole('heading', { name: '退换货，一分钟搞定' }).isVisible()).toBe(true);
    await page.screenshot({ path: shots('01-home-zh') });

    await page.getByLabel('订单号', { exact: true }).fill(seed.orderNumber);
    await page.getByLabel('下单手机号或邮箱').fill(seed.phone);
    await page.getByRole('button', { name: '查询订单' }).click();
    await page.waitForURL(/\/portal\/orders\/[^/]+\/return$/);

    // Each line that cannot be returned says why, in plain words.
    const mug = page.getByTestId('line-MUG-PHOTO');
    await expect.poll(() => mug.textContent()).toContain('「定制商品」类商品依法不适用无理由退货');
    const socks = page.getByTestId('line-SOCKS-5');
    await expect.poll(() => socks.textContent()).toMatch(/已在售后单 RT-\d{8}-\d{4} 中申请/);
    expect(await page.getByRole('checkbox', { name: /定制照片马克杯/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: shots('02-apply-zh') });
    await socks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('02b-apply-lines-zh') });

    // The only returnable line is picked already; choose a reason that needs a photo.
    const tee = page.getByTestId('line-TEE-WHITE-L');
    expect(await page.getByRole('checkbox', { name: /纯棉圆领T恤/ }).isChecked()).toBe(true);
    await tee.getByLabel('售后原因').selectOption('quality');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => tee.textContent()).toContain('这个原因需要上传至少一张照片');

    await tee.getByTestId('photo-album-input').setInputFiles({ name: 'IMG_2041.PNG', mimeType: 'image/png', buffer: testPhoto() });
    await expect.poll(() => tee.locator('.pt-photo-done').count(), { timeout: 10_000 }).toBe(1);
    await tee.getByLabel('补充说明（选填）').fill('领口开线了');
    await expect.poll(() => page.getByTestId('estimate').textContent()).toBe('¥99.00');
    await tee.getByLabel('售后原因').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('03-apply-filled-zh') });

    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/portal\/returns\/[^/?]+\?new=1$/);
    await expect.poll(() => page.getByRole('heading', { name: '申请已提交' }).isVisible()).toBe(true);
    const number = (await page.locator('.pt-success-number .pt-mono').textContent()) ?? '';
    expect(number).toMatch(/^RT-\d{8}-\d{4}$/);
    seed.returnNumber = number;
    seed.returnId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain('客服会在24小时内审核');
    expect(body).toContain('上海市青浦区');
    expect(body).toContain('运费由商家承担');
    await page.screenshot({ path: shots('04-submitted-zh') });
    await page.getByRole('heading', { name: '寄回地址' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.screenshot({ path: shots('05-submitted-address-zh') });

    // The slip: an image that loads, and a PDF with the number in Chinese.
    const slipImage = page.getByRole('img', { name: /退货单 RT-/ });
    await expect.poll(() => slipImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(750);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载PDF' }).click()]);
    const pdfPath = await download.path();
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(number);
    expect(text).toContain('退货单');
    expect(text).toContain('纯棉圆领T恤 白色 L');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile3/);
    await page.getByRole('heading', { name: '退货单', exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.screenshot({ path: shots('05b-slip-zh') });
    await context.close();
  });

  it('explains return windows in plain words: exchange only for faults after 7 days, nothing after the last window', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    await expect.poll(() => page.getByRole('tab', { name: '订单号查询' }).isVisible()).toBe(true);
    await page.getByLabel('订单号', { exact: true }).fill(seed.olderOrderNumber);
    await page.getByLabel('下单手机号或邮箱').fill(seed.phone);
    await page.getByRole('button', { name: '查询订单' }).click();
    await page.waitForURL(/\/return$/);
    const tee = page.getByTestId('line-TEE-WHITE-L');
    await expect.poll(() => tee.textContent()).toMatch(/7天无理由退货已于.+截止。如商品有质量问题，.+前仍可申请换货/);
    await tee.getByLabel('售后原因').selectOption('wrong_item');
    await expect.poll(() => tee.textContent()).toContain('已超过7天质量问题退货期');
    expect(await tee.getByLabel('售后原因').locator('option', { hasText: '七天无理由' }).count()).toBe(0);
    await page.getByText('换货', { exact: true }).click();
    await expect.poll(() => tee.textContent()).not.toContain('已超过7天质量问题退货期');
    await expect.poll(() => page.locator('.pt-bar').textContent()).toContain('1件');
    await tee.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('02c-apply-fault-window-zh') });

    await page.goto(`${server.url}/portal/orders`);
    const oldest = page.locator('.pt-order-card', { hasText: seed.oldestOrderNumber });
    await oldest.getByRole('link', { name: '申请售后' }).click();
    await expect.poll(() => page.getByTestId('line-SOCKS-5').textContent()).toMatch(/已超过退换货期限（\d{4}年\d{1,2}月\d{1,2}日截止）/);
    expect(await page.getByRole('button', { name: '提交申请' }).isDisabled()).toBe(true);
    await page.screenshot({ path: shots('02d-apply-expired-zh') });
    await context.close();
  });

  it('takes the tracking number once approved and follows the return to the refund as staff act', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByLabel('订单号', { exact: true }).fill(seed.orderNumber);
    await page.getByLabel('下单手机号或邮箱').fill('xiaohua@example.com');
    await page.getByRole('button', { name: '查询订单' }).click();
    await page.waitForURL(/\/return$/);
    await page.goto(`${server.url}/portal/returns/${seed.returnId}`);
    await expect.poll(() => page.getByRole('heading', { name: '等待审核' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '提交快递单号' }).count()).toBe(0);

    await api('POST', `/returns/${seed.returnId}/approve`, {});
    await expect.poll(() => page.getByRole('button', { name: '提交快递单号' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByText('顺丰速运', { exact: true }).click();
    const tracking = page.getByLabel('快递单号');
    await tracking.fill('YT1234567890123');
    await tracking.blur();
    await expect.poll(() => page.locator('#ship-number-hint').textContent()).toContain('这不像顺丰速运的单号');
    await page.getByRole('heading', { name: '填写退货快递' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.screenshot({ path: shots('06-ship-wrong-number-zh') });
    await tracking.fill('SF1234567890123');
    await expect.poll(() => page.locator('#ship-number-hint').textContent()).toContain('格式正确');
    await page.getByRole('button', { name: '提交快递单号' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '退货运输中' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.textContent('main')).toContain('SF1234567890123');
    await page.screenshot({ path: shots('07-in-transit-zh') });

    const ret = await api<{ lines: { id: string }[] }>('GET', `/returns/${seed.returnId}`);
    const lineId = ret.lines[0]?.id;
    await api('POST', `/returns/${seed.returnId}/receive`, { lines: [{ lineId, quantity: 1 }] });
    await expect.poll(() => page.getByRole('heading', { name: '仓库已收货' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await api('POST', `/returns/${seed.returnId}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'B', disposition: 'damaged' }] });
    await api('POST', `/returns/${seed.returnId}/refund`, { method: 'original' });
    await expect.poll(() => page.getByRole('heading', { name: '售后完成' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const done = (await page.textContent('main')) ?? '';
    expect(done).toContain('退款¥99.00已退回您的原支付账户');
    for (const step of ['已提交', '已审核', '运输中', '已收货', '已检验', '已退款']) expect(done).toContain(step);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shots('08-refunded-zh') });

    await page.getByText('5星').click({ force: true });
    await page.getByRole('heading', { name: '为这次售后打个分' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('08b-rate-zh') });
    await page.getByLabel('说说您的感受（选填）').fill('退款很快，客服很耐心');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('感谢您的评价！').isVisible(), { timeout: 10_000 }).toBe(true);
    const feedback = await api<{ data: { rating: number; comment: string }[] }>('GET', '/feedback');
    expect(feedback.data[0]).toMatchObject({ rating: 5, comment: '退款很快，客服很耐心' });
    await context.close();
  });

  it('opens the progress page from its signed link without signing in, in English too', async () => {
    const view = await api<{ link: { url: string } }>('GET', `/portal/returns/${seed.returnId}`);
    const path = new URL(view.link.url).pathname;
    const { context, page } = await newPage('en');
    await page.goto(`${server.url}${path}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Completed' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('¥99.00 has been refunded to your original payment method.');
    expect(text).toContain('Quality problem');
    await page.screenshot({ path: shots('09-progress-link-en') });
    await page.goto(`${server.url}/portal`);
    await expect.poll(() => page.getByRole('heading', { name: 'Returns in a minute' }).isVisible()).toBe(true);
    await page.screenshot({ path: shots('10-home-en') });
    await page.goto(`${server.url}/portal/policy`);
    await expect.poll(() => page.getByRole('heading', { name: 'The rules' }).isVisible()).toBe(true);
    await page.screenshot({ path: shots('11-policy-en') });
    await context.close();
  });

  it('signs in with an SMS code; in English inside WeChat, an auto-approved return says so at once and can be cancelled', async () => {
    await api('PUT', '/policy', { autoApprove: { enabled: true, maxAmount: null } });
    const { context, page } = await newPage('zh-CN', { wechat: true });
    await page.goto(`${server.url}/portal`);
    await page.getByRole('tab', { name: '手机号登录' }).click();
    await page.getByLabel('手机号', { exact: true }).fill(seed.otherPhone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.locator('#sms-code-hint').textContent()).toContain('验证码已发送');
    let code = '';
    await expect
      .poll(() => {
        code =
          /"code":"(\d{6})"/.exec(
            server
              .output()
              .split('\n')
              .filter((l) => l.includes(seed.otherPhone))
              .at(-1) ?? '',
          )?.[1] ?? '';
        return code;
      })
      .toMatch(/^\d{6}$/);
    await page.getByLabel('验证码').fill(code);
    await page.screenshot({ path: shots('12-sms-zh') });
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/portal\/orders$/);
    await expect.poll(() => page.getByText(seed.otherOrderNumber).isVisible()).toBe(true);
    expect(await page.getByText(seed.orderNumber).count()).toBe(0);
    await page.screenshot({ path: shots('13-orders-zh') });

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Return or exchange' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Choose items' }).isVisible()).toBe(true);
    await page.getByLabel('Reason').selectOption('no_reason');
    await expect.poll(() => page.getByTestId('estimate').textContent()).toBe('¥99.00');
    await page.getByRole('heading', { name: 'Choose items' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('14-apply-en') });
    await page.getByLabel('Store credit').check({ force: true });
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\?new=1$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Request submitted' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Approved automatically. Please send the items back soon.').isVisible()).toBe(true);
    await page.screenshot({ path: shots('15-submitted-auto-approved-en') });

    // WeChat cannot download files: the slip is an image to press and hold, and there is no PDF button.
    await page.getByRole('heading', { name: 'Return slip' }).scrollIntoViewIfNeeded();
    expect(await page.textContent('main')).toContain("WeChat can't download files");
    expect(await page.getByRole('link', { name: 'Download PDF' }).count()).toBe(0);
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.screenshot({ path: shots('15b-slip-wechat-en') });

    await page.getByRole('button', { name: 'Cancel this request' }).click();
    await expect.poll(() => page.getByRole('alertdialog', { name: 'Cancel this return request?' }).isVisible()).toBe(true);
    await page.screenshot({ path: shots('15c-cancel-dialog-en') });
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Cancelled' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel this request' }).count()).toBe(0);
    await api('PUT', '/policy', { autoApprove: { enabled: false } });
    await context.close();
  });

  /** Publishes the policy in force with changes, and gives back a function that restores it. */
  async function withPolicy(change: (policy: Record<string, unknown>) => Record<string, unknown>): Promise<() => Promise<void>> {
    const { version: _v, createdAt: _c, ...before } = await api<Record<string, unknown>>('GET', '/policy');
    await api('PUT', '/policy', change(structuredClone(before)));
    return async () => {
      await api('PUT', '/policy', before);
    };
  }

  /** Opens the application form of an order through the lookup. */
  async function lookUp(page: Page, orderNumber: string, labels: { number: string; contact: string; button: string }) {
    await page.goto(`${server.url}/portal`);
    await page.getByRole('textbox', { name: labels.number, exact: true }).fill(orderNumber);
    await page.getByRole('textbox', { name: labels.contact }).fill(seed.phone);
    await page.getByRole('button', { name: labels.button }).click();
    await page.waitForURL(/\/portal\/orders\/[^/]+\/return$/);
  }

  it('asks for a sub-reason where the reason has them, and for the photo the sub-reason needs (375×812)', async () => {
    const restore = await withPolicy((policy) => ({
      reasons: (policy.reasons as { code: string }[]).map((r) =>
        r.code === 'quality'
          ? {
              ...r,
              children: [
                { code: 'quality_seam', label: '开线或破洞', labelEn: 'Seam split or hole' },
                { code: 'quality_fade', label: '褪色', labelEn: 'Colour faded' },
              ],
            }
          : r,
      ),
    }));
    try {
      const customer = await api<{ data: { id: string }[] }>('GET', `/customers?q=${seed.phone}`).then((r) => r.data[0]);
      const orderNumber = 'TB2026112700021';
      await api('POST', '/orders', {
        number: orderNumber,
        customerId: customer?.id,
        channel: 'tmall',
        placedAt: daysAgo(4),
        deliveredAt: daysAgo(2),
        lines: [{ sku: 'TEE-WHITE-L', quantity: 1, unitPrice: 9900 }],
        payments: [{ method: 'alipay', amount: 9900 }],
      });
      const { context, page } = await newPage('zh-CN', { viewport: tallPhone });
      await lookUp(page, orderNumber, { number: '订单号', contact: '下单手机号或邮箱', button: '查询订单' });
      const tee = page.getByTestId('line-TEE-WHITE-L');
      await tee.getByLabel('售后原因').selectOption('quality');
      // 质量问题 has sub-reasons: one must be picked, and it needs a photo as its reason does
      const sub = tee.getByLabel('具体原因');
      expect(await sub.locator('option').allTextContents()).toEqual(['请选择具体原因', '开线或破洞', '褪色']);
      await page.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => tee.textContent()).toContain('请选择具体原因');
      await sub.selectOption('quality_seam');
      await page.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => tee.textContent()).toContain('这个原因需要上传至少一张照片');
      await sub.scrollIntoViewIfNeeded();
      await page.screenshot({ path: shots('17-sub-reason-photo-missing-zh') });

      await tee.getByTestId('photo-album-input').setInputFiles({ name: 'IMG_2077.PNG', mimeType: 'image/png', buffer: testPhoto() });
      await expect.poll(() => tee.locator('.pt-photo-done').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.getByTestId('estimate').textContent()).toBe('¥99.00');
      await page.screenshot({ path: shots('18-sub-reason-filled-zh') });
      // The same form in English, before it is sent.
      const english = await newPage('en', { viewport: tallPhone });
      await lookUp(english.page, orderNumber, { number: 'Order number', contact: 'Phone or email on the order', button: 'Find my order' });
      const line = english.page.getByTestId('line-TEE-WHITE-L');
      await line.getByLabel('Reason').selectOption('quality');
      await line.getByLabel('What exactly?').selectOption('quality_fade');
      await line.getByLabel('What exactly?').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      expect(await line.textContent()).toContain('Colour faded');
      await english.page.screenshot({ path: shots('18b-sub-reason-en') });
      await english.context.close();
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/portal\/returns\/[^/?]+\?new=1$/);
      const returnId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      const filed = await api<{ lines: { reasonCode: string }[] }>('GET', `/returns/${returnId}`);
      expect(filed.lines[0]?.reasonCode).toBe('quality_seam');
      await expect.poll(async () => (await page.textContent('main')) ?? '').toContain('开线或破洞');
      // The policy page lists the sub-reasons under their reason.
      await page.goto(`${server.url}/portal/policy`);
      await expect.poll(async () => (await page.textContent('main')) ?? '').toContain('包括：开线或破洞、褪色');
      await context.close();
    } finally {
      await restore();
    }
  });

  it('exchanges for another size: sold-out sizes cannot be picked, the price difference shows, the return keeps the choice (English, 375×812)', async () => {
    for (const [sku, label, price] of [
      ['HOOD-GRY-M', 'M', 12_900],
      ['HOOD-GRY-L', 'L', 13_900],
      ['HOOD-GRY-XL', 'XL', 13_900],
    ] as const) {
      await api('POST', '/products', { sku, name: `连帽卫衣 灰色 ${label}`, category: '服装', price, groupCode: 'HOOD-GRY', variantLabel: label });
    }
    await api('POST', '/inventory/adjustments', { sku: 'HOOD-GRY-L', location: 'MAIN', quantity: 3, reason: '期初库存' });
    await api('POST', '/inventory/adjustments', { sku: 'HOOD-GRY-XL', location: 'MAIN', quantity: 1, reason: '期初库存' });
    await api('POST', '/inventory/adjustments', { sku: 'HOOD-GRY-XL', location: 'MAIN', quantity: -1, reason: '售出' });
    const customer = await api<{ data: { id: string }[] }>('GET', `/customers?q=${seed.phone}`).then((r) => r.data[0]);
    const orderNumber = 'TB2026112700022';
    await api('POST', '/orders', {
      number: orderNumber,
      customerId: customer?.id,
      channel: 'tmall',
      placedAt: daysAgo(4),
      deliveredAt: daysAgo(2),
      lines: [{ sku: 'HOOD-GRY-M', quantity: 1, unitPrice: 12_900 }],
      payments: [{ method: 'alipay', amount: 12_900 }],
    });
    const { context, page } = await newPage('en', { viewport: tallPhone });
    await lookUp(page, orderNumber, { number: 'Order number', contact: 'Phone or email on the order', button: 'Find my order' });
    await page.getByText('Exchange', { exact: true }).click();
    const hoodie = page.getByTestId('line-HOOD-GRY-M');
    await hoodie.getByLabel('Reason').selectOption('no_reason');
    await expect.poll(() => hoodie.getByTestId('variant-HOOD-GRY-L').isVisible()).toBe(true);
    expect(await hoodie.getByRole('radio', { name: /XL/ }).isDisabled()).toBe(true);
    expect(await hoodie.getByTestId('variant-HOOD-GRY-XL').textContent()).toContain('Sold out');
    await hoodie.getByTestId('variant-HOOD-GRY-L').click();
    await expect.poll(() => hoodie.textContent()).toContain('You pay ¥10.00 more');
    await expect.poll(() => page.getByTestId('exchange-difference').textContent()).toBe('You pay ¥10.00 more');
    await hoodie.getByTestId('variant-HOOD-GRY-L').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: shots('19-exchange-size-en') });
    // The same choice in Chinese.
    const chinese = await newPage('zh-CN', { viewport: tallPhone });
    await lookUp(chinese.page, orderNumber, { number: '订单号', contact: '下单手机号或邮箱', button: '查询订单' });
    await chinese.page.getByText('换货', { exact: true }).click();
    const line = chinese.page.getByTestId('line-HOOD-GRY-M');
    await line.getByLabel('售后原因').selectOption('no_reason');
    await line.getByTestId('variant-HOOD-GRY-L').click();
    await expect.poll(() => line.textContent()).toContain('需补差价 ¥10.00');
    expect(await line.getByTestId('variant-HOOD-GRY-XL').textContent()).toContain('缺货');
    expect(await line.locator('.pt-chip').allTextContents()).toEqual(['M原规格', 'L', 'XL缺货']);
    await line.getByTestId('variant-HOOD-GRY-L').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await chinese.page.screenshot({ path: shots('19b-exchange-size-zh') });
    await chinese.context.close();

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/portal\/returns\/[^/?]+\?new=1$/);
    const returnId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const exchange = await api<{ lines: { sku: string; quantity: number }[]; difference: number }>('GET', `/returns/${returnId}/exchange`);
    expect(exchange).toMatchObject({ lines: [{ sku: 'HOOD-GRY-L', quantity: 1 }], difference: 1_000 });
    const shown = page.getByTestId('portal-exchange');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toContain('连帽卫衣 灰色 L');
    expect(await shown.textContent()).toContain('Price difference to pay');
    await shown.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('20-exchange-filed-en') });
    await context.close();
  });

  it("answers 404 for another customer's return, in the page and the API", async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByLabel('订单号', { exact: true }).fill(seed.otherOrderNumber);
    await page.getByLabel('下单手机号或邮箱').fill(seed.otherPhone);
    await page.getByRole('button', { name: '查询订单' }).click();
    await page.waitForURL(/\/return$/);
    await page.goto(`${server.url}/portal/returns/${seed.returnId}`);
    await expect.poll(() => page.getByText('没有找到这个售后单').isVisible(), { timeout: 10_000 }).toBe(true);
    const token = await page.evaluate(() => localStorage.getItem('rf.portal.token'));
    for (const path of [`/api/v1/returns/${seed.returnId}`, `/api/v1/portal/returns/${seed.returnId}`, `/api/v1/returns/${seed.returnId}/slip.pdf`]) {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(404);
    }
    await context.close();
  });

  it('keeps the strict CSP on portal pages', async () => {
    const response = await fetch(`${server.url}/portal/orders`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('rate-limits order lookups after 10 failures and says so without telling whether the order exists', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByLabel('订单号', { exact: true }).fill(seed.orderNumber);
    await page.getByLabel('下单手机号或邮箱').fill('13000000000');
    await page.getByRole('button', { name: '查询订单' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到匹配的订单');
    await page.getByLabel('订单号', { exact: true }).fill('NO-SUCH-ORDER');
    await page.getByRole('button', { name: '查询订单' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到匹配的订单');
    for (let i = 0; i < 8; i++) {
      const miss = await fetch(`${server.url}/api/v1/portal/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderNumber: `NOPE-${i}`, contact: '13000000000' }),
      });
      expect(miss.status).toBe(404);
    }
    await page.getByRole('button', { name: '查询订单' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('尝试次数太多，请15分钟后再试');
    await page.screenshot({ path: shots('16-rate-limited-zh') });
    await context.close();
  });
});
