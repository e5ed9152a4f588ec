/** The reconciliation as an Excel workbook: refunds by day, method and status; totals; the checks that tie them to the ledger. */
import ExcelJS from 'exceljs';
import type { ReconciliationView } from './finance.schema.ts';

const methodNames: Record<string, string> = { original: '原路退回 Original', store_credit: '店铺余额 Store credit', manual: '线下 Manual' };
const statusNames: Record<string, string> = { paid: '已退款 Paid', pending_approval: '待审批 Pending approval', rejected: '已驳回 Rejected' };
const totalNames: [keyof ReconciliationView['totals'], string][] = [
  ['paid', '已退款 Paid'],
  ['paidRefundLines', '退款明细合计 Σ refund lines (paid)'],
  ['moneyOut', '资金流出 Money out'],
  ['creditedRefunds', '退至余额 Refunded into store credit'],
  ['ledgerRefundCredits', '余额账·退款入账 Ledger refund credits'],
  ['ledgerBonusCredits', '余额账·赠送 Ledger bonus credits'],
  ['storeCreditIssued', '余额发放 Store credit issued'],
  ['storeCreditSpent', '余额消费 Store credit spent'],
  ['requested', '申请退款 Requested'],
  ['pending', '待审批 Pending approval'],
  ['rejected', '已驳回 Rejected'],
];
const checkNames: Record<string, string> = {
  paid_equals_refund_lines: '已退款 = 退款明细 Paid = Σ refund lines',
  store_credit_refunds_equal_ledger: '退至余额 = 余额账入账 Credit refunds = ledger',
  every_refund_has_note: '每笔退款均有退款单 Every refund has a note',
};

const yuan = (fen: number) => Math.round(fen) / 100;

/** Builds the workbook. */
export async function reconciliationWorkbook(view: ReconciliationView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ReturnFlow 退货通';
  const title = `退款对账 Refund reconciliation ${view.from} – ${view.to} (${view.timeZone}, ${view.currency})`;

  const rows = workbook.addWorksheet('按日 By day');
  rows.addRow([title]).font = { bold: true, size: 13 };
  const header = rows.addRow(['日期 Date', '方式 Method', '状态 Status', '笔数 Count', '金额 Amount (元)']);
  header.font = { bold: true };
  rows.views = [{ state: 'frozen', ySplit: header.number }];
  [14, 22, 22, 12, 18].forEach((w, i) => {
    rows.getColumn(i + 1).width = w;
  });
  for (const r of view.rows) rows.addRow([r.date, methodNames[r.method] ?? r.method, statusNames[r.status] ?? r.status, r.count, yuan(r.amount)]);
  rows.getColumn(5).numFmt = '#,##0.00';

  const totals = workbook.addWorksheet('合计 Totals');
  totals.addRow([title]).font = { bold: true, size: 13 };
  totals.addRow(['项目 Item', '金额 Amount (元)']).font = { bold: true };
  totals.getColumn(1).width = 40;
  totals.getColumn(2).width = 18;
  for (const [key, name] of totalNames) totals.addRow([name, yuan(view.totals[key] as number)]);
  for (const [method, amount] of Object.entries(view.totals.paidByMethod)) totals.addRow([`已退款 Paid · ${methodNames[method] ?? method}`, yuan(amount)]);
  totals.getColumn(2).numFmt = '#,##0.00';

  const checks = workbook.addWorksheet('核对 Checks');
  checks.addRow(['核对 Check', '应为 Expected', '实际 Actual', '结果 Result']).font = { bold: true };
  checks.getColumn(1).width = 46;
  for (const c of view.checks) {
    const row = checks.addRow([
      checkNames[c.code] ?? c.code,
      c.code === 'every_refund_has_note' ? c.expected : yuan(c.expected),
      c.code === 'every_refund_has_note' ? c.actual : yuan(c.actual),
      c.ok ? '一致 OK' : '不一致 MISMATCH',
    ]);
    if (!c.ok) row.font = { color: { argb: 'FFCF1322' }, bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
