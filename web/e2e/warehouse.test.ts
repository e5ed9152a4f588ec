/**
 * The warehouse console in a real browser on the demo shop: the returns zone (oldest first,
 * overdue after the inspection limit), a parcel registered at the dock without a return and
 * matched to its return later, and a monthly stocktake — a plan run by a manager, counted
 * blind on a phone by the warehouse (no expected quantity on screen or in any answer the
 * counter's page receives), the variance report, approval and posting, after which the
 * stock read through the API equals what was counted. Then screenshots of every warehouse
 * screen in Chinese and English (test-results/screenshots/), each checked not to overflow.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage, screenshotDir } from './support/browser.ts';
import { apiAs, type RunningServer, startServer } from './support/server.ts';

type Lang = 'zh-CN' | 'en';
type Api = Awaited<ReturnType<typeof apiAs>>;
type Level = { sku: string; location: string; onHand: number };
type SheetLine = { lineId: string; location: string; sku: string; barcode: string | null; productName: string; countedQuantity: number | null };

const demoPassword = 'demo1234';
const phone = { width: 390, height: 844 };
const laptop = { width: 1366, height: 768 };
const locale = (lang: Lang) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../src/i18n/locales/${lang}/warehouse.json`), 'utf8')) as {
    variance: Record<string, string>;
  };

/** Waits for a value on a busy machine (the default second is too short when five test runs share two cores). */
const poll = <T>(read: () => Promise<T> | T, timeout = 10_000) => expect.poll(read, { timeout });

/** Keys that would give a counter the book quantity, anywhere in an answer. */
const revealing = /expected|onHand|variance|movedSince|resulting|snapshotQuantity|bookQuantity/i;

function revealingKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => revealingKeys(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(revealing.test(k) ? [`${path}.${k}`] : []), ...revealingKeys(v, `${path}.${k}`)]);
  }
  return [];
}

describe('warehouse console', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Api;
  let manager: Api;
  let warehouse: Api;
  const dir = mkdtempSync(join(tmpdir(), 'rf-warehouse-e2e-'));

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    admin = await apiAs(server.url, 'admin@demo.returnflow.cn', demoPassword);
    manager = await apiAs(server.url, 'manager@demo.returnflow.cn', demoPassword);
    warehouse = await apiAs(server.url, 'warehouse@demo.returnflow.cn', demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in page for a demo user, in a language, at a size (a phone gets touch and a mobile viewport). */
  async function open(role: string, lang: Lang, viewport: { width: number; height: number } = laptop): Promise<Page> {
    return openConsolePage(browser, server.url, { role, lang, viewport, password: demoPassword });
  }

  /** Moves within the already loaded app (a full reload per page costs seconds on a busy machine). */
  async function go(page: Page, path: string) {
    if (!page.url().startsWith(`${server.url}/console`)) {
      // A build running at the same moment rewrites web/dist and the page 404s for a second: load it again.
      for (let attempt = 1; ; attempt++) {
        const response = await page.goto(`${server.url}${path}`);
        if (response?.ok() || attempt === 5) return;
        await page.waitForTimeout(2_000);
      }
    }
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  async function settle(page: Page) {
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur, .ant-skeleton, .ant-table-placeholder .ant-spin'));
    await page.waitForTimeout(300);
  }

  async function shoot(page: Page, file: string) {
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(screenshotDir, file) });
    expect(overflow, `${file} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }

  /** Picks an option in an Ant Design select by typing it and pressing Enter. */
  async function pick(page: Page, testId: string, text: string) {
    const select = page.locator(`[data-testid="${testId}"]`).first();
    await select.click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  }

  const levelsAt = async (location: string): Promise<Map<string, number>> => {
    const { data } = await warehouse<{ data: Level[] }>('GET', `/inventory/levels?location=${location}`);
    return new Map(data.map((l) => [l.sku, l.onHand]));
  };

  it('shows the returns zone oldest first and warns once the inspection time limit has passed', async () => {
    // The demo's oldest receipt waits about a day; a 12-hour inspection limit makes it overdue.
    const process = await admin<{ version: number; stages: { code: string; timeLimitHours: number | null }[] }>('GET', '/process');
    const { version: _, ...document } = process;
    await admin('PUT', '/process', {
      ...document,
      stages: document.stages.map((s) => (s.code === 'inspection' ? { ...s, timeLimitHours: 12 } : s)),
    });

    const zone = await warehouse<{ data: { since: string | null; overdue: boolean; sku: string; source: { number: string | null } }[]; summary: any }>(
      'GET',
      '/inventory/returns-zone',
    );
    expect(zone.summary.inspectionLimitHours).toBe(12);
    const since = zone.data.map((e) => e.since).filter((s): s is string => s !== null);
    expect(since.length).toBeGreaterThan(1);
    expect(since).toEqual([...since].sort());
    const overdue = zone.data.filter((e) => e.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(zone.summary.overdueUnits).toBeGreaterThan(0);

    const page = await open('warehouse', 'zh-CN');
    await go(page, '/console/warehouse/zone');
    await page.locator('[data-testid=zone-table] .ant-table-row').first().waitFor();
    await poll(() => page.getByTestId('zone-overdue-alert').isVisible()).toBe(true);
    // The table lists the same entries in the same order, the overdue ones marked.
    const rows = page.locator('[data-testid=zone-table] .ant-table-row');
    expect(await rows.count()).toBe(zone.data.length);
    for (const [i, entry] of zone.data.entries()) {
      const text = (await rows.nth(i).textContent()) ?? '';
      expect(text).toContain(entry.sku);
      if (entry.source.number) expect(text).toContain(entry.source.number);
    }
    expect(await page.locator('[data-testid=zone-table] .rf-row-overdue').count()).toBe(overdue.length);
    await page.getByTestId('zone-overdue-only').click();
    await poll(() => rows.count()).toBe(overdue.length);
    await page.context().close();
  });

  it('registers a parcel that came without a return at the dock, then matches it to its return', async () => {
    // A return on its way back whose products carry no lot or serial numbers.
    const inTransit = await warehouse<{ data: { id: string; number: string; trackingNumber: string | null }[] }>(
      'GET',
      '/console/returns?status=in_transit&pageSize=50',
    );
    let target: { id: string; number: string; lines: { sku: string; quantity: number }[] } | null = null;
    for (const r of inTransit.data) {
      const detail = await warehouse('GET', `/returns/${r.id}`);
      const tracked = await Promise.all(
        detail.lines.map(async (l: { sku: string }) => (await warehouse('GET', `/inventory/lookup?code=${l.sku}`)).product.tracking),
      );
      if (tracked.every((t) => t === 'none')) {
        target = { id: r.id, number: r.number, lines: detail.lines };
        break;
      }
    }
    if (!target) throw new Error('the demo shop has no return in transit without lot tracking');
    const trackingNumber = `YT${Date.now()}`;
    const zoneBefore = await levelsAt('RETURNS');

    const page = await open('warehouse', 'zh-CN');
    await go(page, '/console/warehouse/dock');
    await page.getByTestId('parcel-register-open').click();
    await page.getByTestId('parcel-tracking').fill(trackingNumber);
    await page.locator('[data-testid=parcel-carrier] input').fill('圆通速递');
    for (const line of target.lines) {
      await page.locator('[data-testid=parcel-scan] input').fill(line.sku);
      await page.locator('[data-testid=parcel-scan] input').press('Enter');
      await page.locator(`[data-testid="parcel-qty-${line.sku}"]`).waitFor();
      if (line.quantity > 1) await page.locator(`[data-testid="parcel-qty-${line.sku}"] input`).fill(String(line.quantity));
    }
    await page.getByTestId('parcel-register-submit').click();
    await page.getByTestId(`parcel-match-${trackingNumber}`).waitFor();

    // Held in the returns zone as an unmatched parcel, counted like any stock.
    const parcels = await warehouse<{ data: { id: string; number: string; status: string; trackingNumber: string }[] }>('GET', `/parcels?q=${trackingNumber}`);
    const parcel = parcels.data.find((p) => p.trackingNumber === trackingNumber);
    expect(parcel?.status).toBe('unmatched');
    const units = target.lines.reduce((s, l) => s + l.quantity, 0);
    const zoneHeld = await levelsAt('RETURNS');
    for (const line of target.lines) expect(zoneHeld.get(line.sku)).toBe((zoneBefore.get(line.sku) ?? 0) + line.quantity);
    const zone = await warehouse<{ data: { quantity: number; source: { type: string; number: string | null } }[] }>('GET', '/inventory/returns-zone');
    expect(zone.data.filter((e) => e.source.type === 'parcel' && e.source.number === parcel?.number).reduce((s, e) => s + e.quantity, 0)).toBe(units);
    await shoot(page, 'warehouse-zh-CN-dock-unmatched.png');

    await page.getByTestId(`parcel-match-${trackingNumber}`).click();
    await page.locator('[data-testid=match-search] input').fill(target.number);
    await page.locator('[data-testid=match-search] input').press('Enter');
    await page.getByTestId(`match-return-${target.number}`).click();
    await page.screenshot({ path: join(screenshotDir, 'warehouse-zh-CN-dock-match.png') });
    await page.getByTestId('match-confirm').click();
    await page.getByTestId('match-confirm').waitFor({ state: 'detached' });

    // The parcel's units are the return's receipt now: nothing entered stock twice.
    const matched = await warehouse('GET', `/parcels/${parcel?.id}`);
    expect(matched.status).toBe('matched');
    expect(matched.matchedReturn.number).toBe(target.number);
    const ret = await warehouse('GET', `/returns/${target.id}`);
    expect(ret.status).toBe('received');
    for (const line of ret.lines) expect(line.receivedQuantity).toBe(line.quantity);
    const zoneAfter = await levelsAt('RETURNS');
    for (const line of target.lines) expect(zoneAfter.get(line.sku)).toBe((zoneBefore.get(line.sku) ?? 0) + line.quantity);
    await go(page, '/console/warehouse/zone');
    await page.getByTestId(`zone-return-${target.number}`).first().waitFor();
    await page.context().close();
  });

  it('runs a monthly count plan, counts it blind on a phone and posts it after a manager approves', async () => {
    const bookBefore = await levelsAt('RETURNS');

    // The manager plans a monthly count of the returns zone and runs it now.
    const desk = await open('manager', 'zh-CN');
    await go(desk, '/console/warehouse/counts');
    await desk.getByTestId('plan-new').click();
    await desk.getByTestId('plan-name').fill('退货专区月度盘点');
    await pick(desk, 'count-locations', 'RETURNS');
    await desk.getByTestId('plan-save').click();
    await desk.getByTestId('plan-save').waitFor({ state: 'detached' });
    const row = desk.locator('.ant-table-row', { hasText: '退货专区月度盘点' });
    await poll(() => row.textContent()).toContain('每月');
    await row.getByTestId('plan-run').click();
    await desk.waitForURL(/\/console\/warehouse\/counts\/cnt_/);
    const countId = desk.url().split('/').pop() ?? '';
    const count = await warehouse('GET', `/stock-counts/${countId}`);
    expect(count.status).toBe('counting');
    expect(count.locations).toEqual(['RETURNS']);

    // The warehouse counts on a phone; every answer its page receives is kept.
    const counter = await open('warehouse', 'zh-CN', phone);
    const answers: Promise<{ url: string; body: unknown }>[] = [];
    counter.on('response', (response: Response) => {
      if (!response.url().includes('/api/v1/')) return;
      answers.push(
        response
          .text()
          .then((text) => ({ url: response.url(), body: text && response.headers()['content-type']?.includes('json') ? JSON.parse(text) : null }))
          .catch(() => ({ url: response.url(), body: null })),
      );
    });
    await go(counter, `/console/count/${countId}`);
    await counter.getByTestId('count-sheet').waitFor();
    const sheet = await warehouse<{ data: SheetLine[] }>('GET', `/stock-counts/${countId}/sheet?limit=200`);
    expect(sheet.data.length).toBeGreaterThan(1);
    await poll(() => counter.getByTestId('sheet-progress').textContent()).toBe(`0/${sheet.data.length}`);

    // What a line shows is its product, SKU, barcode and location, and nothing else.
    for (const line of sheet.data) {
      const card = counter.getByTestId(`sheet-line-${line.sku}-${line.location}`);
      let rest = (await card.textContent()) ?? '';
      for (const known of [line.productName, line.sku, line.barcode ?? '', line.location, '·']) rest = rest.split(known).join('');
      expect(rest.trim(), `${line.sku} shows more than what to count`).toBe('');
    }
    await counter.screenshot({ path: join(screenshotDir, 'warehouse-zh-CN-count-sheet-phone.png') });

    // One over, one short, the rest as booked; typed and confirmed with Enter, as on a phone keyboard.
    const counted = new Map<string, number>();
    sheet.data.forEach((line, i) => {
      const book = bookBefore.get(line.sku) ?? 0;
      counted.set(line.lineId, i === 0 ? book + 2 : i === 1 ? Math.max(0, book - 1) : book);
    });
    for (const line of sheet.data) {
      const input = counter.getByTestId(`count-input-${line.sku}-${line.location}`);
      await input.tap();
      await input.fill(String(counted.get(line.lineId)));
      await input.press('Enter');
      await poll(() => counter.getByTestId(`sheet-line-${line.sku}-${line.location}`).getAttribute('data-counted')).toBe('yes');
    }
    // The + button adds one to the first line, − takes it back.
    const first = sheet.data[0] as SheetLine;
    const firstCard = counter.getByTestId(`sheet-line-${first.sku}-${first.location}`);
    await firstCard.getByRole('button', { name: '加一' }).tap();
    await poll(() => counter.getByTestId(`count-input-${first.sku}-${first.location}`).inputValue()).toBe(String((counted.get(first.lineId) ?? 0) + 1));
    await firstCard.getByRole('button', { name: '减一' }).tap();
    await poll(() => counter.getByTestId(`count-input-${first.sku}-${first.location}`).inputValue()).toBe(String(counted.get(first.lineId)));
    // A product on the shelf that the sheet does not list: scanned, and added as found with 1 unit.
    const listed = new Set(sheet.data.map((l) => l.sku));
    const { data: elsewhere } = await warehouse<{ data: Level[] }>('GET', '/inventory/levels?location=MAIN');
    const stray = elsewhere.find((l) => !listed.has(l.sku) && l.onHand > 0)?.sku ?? '';
    const scanBox = counter.locator('input[data-testid=sheet-scan], [data-testid=sheet-scan] input').first();
    await scanBox.fill(stray);
    await scanBox.press('Enter');
    await counter.locator('.ant-modal-footer .ant-btn-primary').tap();
    await poll(() => counter.getByTestId(`sheet-line-${stray}-RETURNS`).getAttribute('data-counted')).toBe('yes');
    await counter.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
    const lines = (await warehouse<{ data: (SheetLine & { added: boolean })[] }>('GET', `/stock-counts/${countId}/sheet?limit=200`)).data;
    const added = lines.find((l) => l.sku === stray);
    expect(added).toMatchObject({ location: 'RETURNS', countedQuantity: 1, added: true });
    counted.set(added?.lineId ?? '', 1);
    await poll(() => counter.getByTestId('sheet-progress').textContent()).toBe(`${lines.length}/${lines.length}`);
    await counter.screenshot({ path: join(screenshotDir, 'warehouse-zh-CN-count-sheet-phone-counted.png') });
    const overflow = await counter.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the count sheet overflows the phone sideways').toBeLessThanOrEqual(0);

    await counter.getByTestId('sheet-submit').tap();
    await counter.getByTestId('sheet-closed').waitFor();

    // Nothing the counter's page received names a book quantity, and no expected figure was on screen.
    const received = await Promise.all(answers);
    expect(received.some((a) => a.url.includes(`/stock-counts/${countId}/sheet`))).toBe(true);
    expect(received.some((a) => a.url.includes('/variance'))).toBe(false);
    for (const answer of received) expect(revealingKeys(answer.body), answer.url).toEqual([]);
    const expectedLabel = locale('zh-CN').variance.expected as string;
    expect((await counter.locator('body').textContent()) ?? '').not.toContain(expectedLabel);
    await counter.context().close();

    // The variance report: booked at the snapshot, counted, the difference and its value.
    const report = await manager<{
      lines: { sku: string; location: string; expectedQuantity: number; countedQuantity: number; variance: number; unitPrice: number; varianceValue: number }[];
      totals: { netUnits: number; netValue: number; linesWithVariance: number; unitsOver: number; unitsShort: number };
    }>('GET', `/stock-counts/${countId}/variance`);
    expect(report.lines).toHaveLength(lines.length);
    for (const line of lines) {
      const reported = report.lines.find((l) => l.sku === line.sku && l.location === line.location);
      const book = bookBefore.get(line.sku) ?? 0;
      expect(reported?.expectedQuantity, line.sku).toBe(book);
      expect(reported?.countedQuantity, line.sku).toBe(counted.get(line.lineId));
      expect(reported?.variance, line.sku).toBe((counted.get(line.lineId) ?? 0) - book);
      expect(reported?.varianceValue, line.sku).toBe(((counted.get(line.lineId) ?? 0) - book) * (reported?.unitPrice ?? 0));
    }
    const netUnits = lines.reduce((s, l) => s + (counted.get(l.lineId) ?? 0) - (bookBefore.get(l.sku) ?? 0), 0);
    expect(report.totals.netUnits).toBe(netUnits);
    expect(report.totals.netValue).toBe(report.lines.reduce((s, l) => s + l.varianceValue, 0));
    expect(report.totals.linesWithVariance).toBe(report.lines.filter((l) => l.variance !== 0).length);

    await go(desk, `/console/warehouse/counts/${countId}`);
    // The open page learns of the submission on its next refresh (every few seconds).
    await poll(() => desk.getByTestId('count-status').getAttribute('data-status'), 15_000).toBe('submitted');
    await desk.getByTestId('variance-report').waitFor();
    for (const line of report.lines) {
      const shown = (await desk.getByTestId(`variance-${line.sku}-${line.location}`).textContent()) ?? '';
      expect(shown.trim()).toBe(line.variance > 0 ? `+${line.variance}` : String(line.variance));
    }
    const signedUnits = netUnits > 0 ? `+${netUnits}` : String(netUnits);
    expect(await desk.getByTestId('variance-net-units').textContent()).toContain(signedUnits);
    const yuan = (Math.abs(report.totals.netValue) / 100).toFixed(2);
    expect(((await desk.getByTestId('variance-net-value').textContent()) ?? '').replace(/,/g, '')).toContain(yuan);
    await shoot(desk, 'warehouse-zh-CN-variance-report.png');

    // The manager approves: the corrections post, and the stock equals what was counted.
    await desk.getByTestId('count-approve').click();
    await desk.getByTestId('count-decision-confirm').click();
    await poll(() => desk.getByTestId('count-status').getAttribute('data-status'), 15_000).toBe('posted');
    const after = await levelsAt('RETURNS');
    for (const line of lines) expect(after.get(line.sku), line.sku).toBe(counted.get(line.lineId));
    // Posted as correction movements naming the count, adding up to the net difference.
    const ledger = await manager<{ data: { type: string; toLocation: string | null; quantity: number }[] }>(
      'GET',
      `/inventory/movements?sourceId=${countId}&limit=200`,
    );
    expect(ledger.data.every((m) => m.type === 'count_correction')).toBe(true);
    expect(ledger.data.reduce((s, m) => s + (m.toLocation === 'RETURNS' ? m.quantity : -m.quantity), 0)).toBe(netUnits);
    await desk.context().close();
  });

  it('exports stock levels to Excel and takes a count sheet back from Excel, still blind', async () => {
    const page = await open('warehouse', 'zh-CN');
    await go(page, '/console/warehouse/zone');
    await page.getByTestId('export-stock').click();
    const levelsDownload = page.waitForEvent('download');
    await page.locator('.ant-dropdown-menu-item').first().click();
    const levelsFile = join(dir, 'levels.xlsx');
    await (await levelsDownload).saveAs(levelsFile);
    const levels = new ExcelJS.Workbook();
    await levels.xlsx.readFile(levelsFile);
    const levelRows = levels.worksheets[0]?.actualRowCount ?? 0;
    const { data: apiLevels } = await warehouse<{ data: Level[] }>('GET', '/inventory/levels');
    expect(levelRows).toBeGreaterThanOrEqual(apiLevels.filter((l) => l.onHand !== 0).length);

    // A count of the damaged goods, its sheet downloaded, filled in as a spreadsheet and imported.
    const count = await warehouse('POST', '/stock-counts', { warehouse: 'WH1', locations: ['DAMAGED'] });
    await go(page, `/console/warehouse/counts/${count.id}`);
    const sheetDownload = page.waitForEvent('download');
    await page.getByTestId('detail-download-sheet').click();
    const sheetFile = join(dir, 'sheet.xlsx');
    await (await sheetDownload).saveAs(sheetFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetFile);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the count sheet has no worksheet');
    let header = 0;
    sheet.eachRow((row, n) => {
      if (!header && row.values && JSON.stringify(row.values).includes('SKU')) header = n;
    });
    // Cell values by column number (1-based; index 0 is empty).
    const headers = Array.from(sheet.getRow(header).values as unknown[], (v) => String(v ?? ''));
    expect(headers.join(' ')).not.toMatch(/expected|账面/i);
    const skuColumn = headers.indexOf('SKU');
    const countedColumn = headers.findIndex((h) => h.startsWith('Counted'));
    const typed = new Map<string, number>();
    for (let n = header + 1; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      const sku = String(row.getCell(skuColumn).value ?? '');
      if (!sku) continue;
      typed.set(sku, typed.size + 1);
      row.getCell(countedColumn).value = typed.size;
    }
    expect(typed.size).toBeGreaterThan(0);
    // A sheet with a word for a count is refused as a whole, the row named in Chinese.
    const firstRow = sheet.getRow(header + 1);
    const good = firstRow.getCell(countedColumn).value;
    firstRow.getCell(countedColumn).value = '三';
    const wrong = join(dir, 'sheet-wrong.xlsx');
    await workbook.xlsx.writeFile(wrong);
    firstRow.getCell(countedColumn).value = good;
    const wrongChooser = page.waitForEvent('filechooser');
    await page.getByTestId('detail-import-sheet').click();
    await (await wrongChooser).setFiles(wrong);
    const refusal = page.locator('.ant-modal-confirm');
    await poll(() => refusal.textContent()).toContain(`第 ${header + 1} 行 · 实盘数量：“三”不是整数`);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(screenshotDir, 'warehouse-zh-CN-count-import-refused.png') });
    await refusal.locator('.ant-btn').click();
    expect((await warehouse('GET', `/stock-counts/${count.id}`)).progress.counted).toBe(0);

    const filled = join(dir, 'sheet-filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('detail-import-sheet').click();
    await (await chooser).setFiles(filled);
    await poll(async () => (await warehouse('GET', `/stock-counts/${count.id}`)).progress.counted).toBe(typed.size);
    const lines = await warehouse<{ data: SheetLine[] }>('GET', `/stock-counts/${count.id}/sheet`);
    for (const line of lines.data) expect(line.countedQuantity, line.sku).toBe(typed.get(line.sku));
    await manager('POST', `/stock-counts/${count.id}/cancel`, {});
    await page.context().close();
  });

  describe('screenshots of every warehouse screen', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Something on every screen: a transfer, an adjustment, a supplier and a return to it, a count handed in and one being counted.
      const supplier = await manager('POST', '/suppliers', {
        code: 'HZ-HOME',
        name: '杭州家居用品有限公司',
        contactName: '陈经理',
        email: 'sales@hz-home.example',
      });
      const { product } = await warehouse('GET', '/inventory/lookup?code=BB-CUP-350');
      await manager('PATCH', `/products/${product.id}/stock-settings`, { supplierId: supplier.id });
      await warehouse('POST', '/inventory/transfers', {
        lines: [{ sku: 'BB-CUP-350', fromLocation: 'MAIN', toLocation: 'DAMAGED', quantity: 3 }],
        note: '包装破损，转不良品',
      });
      await warehouse('POST', '/inventory/adjustment-documents', { reasonCode: 'damaged', lines: [{ sku: 'BB-DPR-L', location: 'MAIN', quantity: -1 }] });
      await warehouse('POST', '/vendor-returns', {
        supplierId: supplier.id,
        lines: [{ sku: 'BB-CUP-350', quantity: 2, unitCredit: 8000 }],
        carrier: '顺丰速运',
      });
      const handedIn = await warehouse('POST', '/stock-counts', { warehouse: 'WH1', locations: ['DAMAGED'] });
      const sheet = await warehouse<{ data: SheetLine[] }>('GET', `/stock-counts/${handedIn.id}/sheet`);
      await warehouse('POST', `/stock-counts/${handedIn.id}/counts`, {
        entries: sheet.data.map((l, i) => ({ lineId: l.lineId, quantity: i === 0 ? 0 : 1 })),
      });
      await warehouse('POST', `/stock-counts/${handedIn.id}/submit`, { uncountedAsZero: false });
      ids.submitted = handedIn.id;
      ids.counting = (await warehouse('POST', '/stock-counts', { warehouse: 'WH1', locations: ['MAIN'] })).id;
    });

    type Shot = { name: string; path: string; ready: string; prepare?: (page: Page) => Promise<void> };
    const scan = (testId: string, code: string) => async (page: Page) => {
      await page.locator(`[data-testid=${testId}] input`).fill(code);
      await page.locator(`[data-testid=${testId}] input`).press('Enter');
      await page.locator('.ant-drawer .ant-table-row').first().waitFor();
    };
    const byRole = (): Record<string, Shot[]> => ({
      warehouse: [
        { name: 'zone', path: '/console/warehouse/zone', ready: '[data-testid=zone-table] .ant-table-row' },
        { name: 'dock', path: '/console/warehouse/dock', ready: '[data-testid=parcel-register-open]' },
        {
          name: 'dock-register',
          path: '/console/warehouse/dock',
          ready: '[data-testid=parcel-register-open]',
          prepare: async (page) => {
            await page.getByTestId('parcel-register-open').click();
            await page.getByTestId('parcel-tracking').fill('JD0012345678');
            await scan('parcel-scan', 'SH-RUN-43')(page);
          },
        },
        { name: 'moves', path: '/console/warehouse/moves', ready: '.ant-table-row' },
        {
          name: 'transfer',
          path: '/console/warehouse/moves',
          ready: '[data-testid=new-transfer]',
          prepare: async (page) => {
            await page.getByTestId('new-transfer').click();
            await scan('stock-document-scan', 'BD-COT-180')(page);
          },
        },
        {
          name: 'adjustment',
          path: '/console/warehouse/moves',
          ready: '[data-testid=more-documents]',
          prepare: async (page) => {
            await page.getByTestId('more-documents').click();
            await page.locator('.ant-dropdown-menu-item').first().click();
            await page.getByTestId('adjust-reason').click();
            await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
            await scan('stock-document-scan', 'BD-COT-180')(page);
          },
        },
        { name: 'counts', path: '/console/warehouse/counts', ready: '[data-testid=count-table] .ant-table-row' },
        { name: 'count-counting', path: `/console/warehouse/counts/${ids.counting}`, ready: '[data-testid=detail-open-sheet]' },
        { name: 'vendors', path: '/console/warehouse/vendors', ready: '.ant-table-row' },
        {
          name: 'vendor-return',
          path: '/console/warehouse/vendors',
          ready: '[data-testid=vendor-return-new]',
          prepare: async (page) => {
            await page.getByTestId('vendor-return-new').click();
            await page.getByTestId('vendor-supplier').click();
            await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
            await page.locator('.ant-drawer .ant-table-row').first().waitFor();
          },
        },
        {
          name: 'settings',
          path: '/console/warehouse/settings',
          ready: '[data-testid=warehouse-new]',
          prepare: async (page) => {
            await page.locator('.ant-collapse-header').first().click();
            await page.getByTestId('dispositions-WH1').waitFor();
          },
        },
        { name: 'stock', path: '/console/stock', ready: '[data-testid=page-stock] .ant-table-row' },
      ],
      manager: [
        { name: 'counts-manager', path: '/console/warehouse/counts', ready: '[data-testid=plan-new]' },
        { name: 'count-review', path: `/console/warehouse/counts/${ids.submitted}`, ready: '[data-testid=variance-report] .ant-table-row' },
        {
          name: 'plan',
          path: '/console/warehouse/counts',
          ready: '[data-testid=plan-new]',
          prepare: async (page) => {
            await page.getByTestId('plan-new').click();
            await page.getByTestId('plan-name').fill('月度全盘');
          },
        },
        {
          name: 'product-settings',
          path: '/console/warehouse/settings',
          ready: '[data-testid=product-scan]',
          prepare: async (page) => {
            await page.locator('[data-testid=product-scan] input').fill('BB-CUP-350');
            await page.locator('[data-testid=product-scan] input').press('Enter');
            await page.getByTestId('product-settings-form').waitFor();
            await page.getByTestId('product-settings-form').scrollIntoViewIfNeeded();
          },
        },
      ],
      finance: [{ name: 'vendors-finance', path: '/console/warehouse/vendors', ready: '[data-testid^=vendor-credit-]' }],
    });

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`shoots each warehouse screen in ${lang} at 1366×768, the count sheet on a phone and the zone on a tablet`, async () => {
        for (const [role, shots] of Object.entries(byRole())) {
          const page = await open(role, lang);
          for (const shot of shots) {
            try {
              await go(page, shot.path);
              await page.locator(shot.ready).first().waitFor({ timeout: 30_000 });
              await shot.prepare?.(page);
            } catch (error) {
              await page.screenshot({ path: join(screenshotDir, `warehouse-${lang}-${shot.name}-failed.png`) });
              throw error;
            }
            await shoot(page, `warehouse-${lang}-${shot.name}.png`);
            // A fresh load for the next screen: no drawer or modal left open.
            await page.goto('about:blank');
          }
          await page.context().close();
        }
        const counter = await open('warehouse', lang, phone);
        await go(counter, `/console/count/${ids.counting}`);
        await counter.locator('[data-testid^=sheet-line-]').first().waitFor();
        await shoot(counter, `warehouse-${lang}-count-sheet-phone.png`);
        await counter.context().close();
        // A tablet at the returns shelf: the tabs keep their room, nothing runs off the side.
        const tablet = await open('warehouse', lang, { width: 820, height: 1180 });
        await go(tablet, `/console/warehouse/zone`);
        await tablet.locator('[data-testid=zone-table] .ant-table-row').first().waitFor({ timeout: 30_000 });
        await shoot(tablet, `warehouse-${lang}-zone-tablet.png`);
        await tablet.context().close();
      });
    }
  });
});
