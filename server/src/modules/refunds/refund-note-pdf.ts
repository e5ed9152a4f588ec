/** The refund note (退款单) as a printable A5 PDF, set in the embedded Noto Sans Hans so it never depends on the machine's fonts. */
import PDFDocument from 'pdfkit';
import { fontBytes, plainLetters } from '../slips/fonts.ts';
import type { RefundNote } from './refund-notes.repository.ts';

const ink = '#1f2329';
const muted = '#646a73';
const accent = '#1677ff';
const rule = '#dee0e3';

const methodNames: Record<string, string> = {
  original: '原路退回 Original payment',
  store_credit: '店铺余额 Store credit',
  manual: '线下退款 Paid by hand',
};
const statusNames: Record<string, string> = {
  pending_approval: '待审批 Pending approval',
  paid: '已退款 Paid',
  rejected: '已驳回 Rejected (void)',
};

export type RefundNotePdfOptions = {
  note: RefundNote;
  lines: { name: string; sku: string; amount: number }[];
  shipping: number;
  formatTime: (iso: string) => string;
};

const money = (fen: number, currency: string) => `${currency === 'CNY' ? '¥' : `${currency} `}${(fen / 100).toFixed(2)}`;

/** Renders a refund note as PDF bytes. */
export async function renderRefundNotePdf(o: RefundNotePdfOptions): Promise<Buffer> {
  const { note } = o;
  const doc = new PDFDocument({ size: 'A5', margin: 32, info: { Title: `退款单 ${note.number}`, Subject: note.number, Creator: 'ReturnFlow 退货通' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  const left = 32;
  const width = doc.page.width - 64;
  const line = (at: number) => {
    doc
      .moveTo(left, at)
      .lineTo(left + width, at)
      .lineWidth(0.6)
      .strokeColor(rule)
      .stroke();
  };

  doc.font('bold').fontSize(22).fillColor(ink).text('退款单', left, 32, { features: plainLetters });
  doc.font('regular').fontSize(9).fillColor(muted).text('REFUND NOTE / CREDIT NOTE', left, 62, { characterSpacing: 2, features: plainLetters });
  doc.font('bold').fontSize(14).fillColor(accent).text(note.number, left, 36, { width, align: 'right', features: plainLetters });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(muted)
    .text(statusNames[note.status] ?? note.status, left, 56, { width, align: 'right', features: plainLetters });

  let y = 84;
  line(y);
  y += 8;
  const facts: [string, string][] = [
    ['退款单号 Refund No.', note.refundNumber],
    ['退货单号 Return No.', note.returnNumber],
    ['原订单号 Order No.', note.orderNumber],
    ['客户 Customer', note.customerName],
    ['退款方式 Method', `${methodNames[note.method] ?? note.method}${note.channel ? ` · ${note.channel}` : ''}`],
    ['交易流水 Reference', note.providerReference ?? note.reference ?? '—'],
    ['申请时间 Requested', o.formatTime(note.createdAt)],
    ['退款时间 Paid', note.paidAt ? o.formatTime(note.paidAt) : '—'],
  ];
  for (const [label, value] of facts) {
    doc.font('regular').fontSize(8.5).fillColor(muted).text(label, left, y, { width: 120, features: plainLetters });
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(value, left + 120, y - 1, { width: width - 120, features: plainLetters });
    y = Math.max(doc.y, y + 12) + 3;
  }
  y += 4;
  line(y);
  y += 8;
  doc.font('bold').fontSize(10.5).fillColor(ink).text('退款明细 Items', left, y, { features: plainLetters });
  y = doc.y + 4;
  for (const item of o.lines) {
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(`${item.name} (${item.sku})`, left, y, { width: width - 90, features: plainLetters });
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(money(item.amount, note.currency), left + width - 90, y, { width: 90, align: 'right', features: plainLetters });
    y = doc.y + 3;
  }
  if (o.shipping > 0) {
    doc.font('regular').fontSize(9.5).fillColor(ink).text('运费 Shipping fee', left, y, { features: plainLetters });
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(money(o.shipping, note.currency), left + width - 90, y, { width: 90, align: 'right', features: plainLetters });
    y = doc.y + 3;
  }
  line(y + 2);
  y += 8;
  doc.font('bold').fontSize(12).fillColor(ink).text('合计 Total', left, y, { features: plainLetters });
  doc.font('bold').fontSize(12).fillColor(ink).text(money(note.amount, note.currency), left, y, { width, align: 'right', features: plainLetters });
  y = doc.y + 12;

  doc.font('bold').fontSize(10.5).fillColor(ink).text('发票 Invoice (数电票)', left, y, { features: plainLetters });
  y = doc.y + 4;
  const invoice: [string, string | null][] = [
    ['原蓝字发票号码 Original invoice', note.originalInvoiceNumber],
    ['红字确认单编号 Red-letter confirmation', note.redConfirmationNumber],
    ['红字发票号码 Red invoice', note.redInvoiceNumber],
    ['备注 Note', note.invoiceNote],
  ];
  for (const [label, value] of invoice) {
    doc.font('regular').fontSize(8.5).fillColor(muted).text(label, left, y, { width: 170, features: plainLetters });
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(value ?? '—', left + 170, y - 1, { width: width - 170, features: plainLetters });
    y = Math.max(doc.y, y + 12) + 3;
  }
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(muted)
    .text('ReturnFlow 退货通 · 本单据由系统生成 Generated by ReturnFlow', left, doc.page.height - 44, { width, align: 'center', features: plainLetters });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
