/**
 * Identifiers in the PDFs (order and tracking numbers, SKUs) must come out letter by
 * letter: with the font's ligatures on, "fi" in an order number was set as one "ﬁ" glyph
 * and the PDF's text lost letters (found when a random test order number held "fif").
 */
import { describe, expect, it } from 'vitest';
import { renderRefundNotePdf } from '../src/modules/refunds/refund-note-pdf.ts';
import type { RefundNote } from '../src/modules/refunds/refund-notes.repository.ts';
import { renderSlipPdf } from '../src/modules/slips/slip-pdf.ts';
import { pdfText } from './support/pdf-text.ts';

const orderNumber = 'SO-29791-mwzqpfif-55';
const sku = 'OFFICE-FL-ff';

describe('PDF text keeps every letter', () => {
  it('prints a refund note whose order number and SKU contain ligature pairs (fi, ff, fl)', async () => {
    const note: RefundNote = {
      id: 'rn_1',
      number: 'RN-20261128-0001',
      refundId: 'rf_1',
      refundNumber: 'RF-20261128-0001',
      returnId: 'ret_1',
      returnNumber: 'RT-20261128-0001',
      orderId: 'ord_1',
      orderNumber,
      customerId: 'cus_1',
      customerName: '张三',
      amount: 9700,
      currency: 'CNY',
      method: 'original',
      channel: null,
      status: 'paid',
      kind: 'refund',
      reference: 'official-transfer',
      providerReference: null,
      requestedById: null,
      approvedById: null,
      createdAt: '2026-11-28T01:00:00.000Z',
      paidAt: '2026-11-28T01:00:00.000Z',
      updatedById: null,
      updatedAt: null,
      originalInvoiceNumber: null,
      redConfirmationNumber: null,
      redInvoiceNumber: null,
      invoiceNote: null,
    };
    const pdf = await renderRefundNotePdf({ note, lines: [{ name: 'Office chair', sku, amount: 9700 }], shipping: 0, formatTime: (iso) => iso.slice(0, 16) });
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain(orderNumber);
    expect(text).toContain(sku);
    expect(text).toContain('official-transfer');
  });

  it('prints a return slip whose facts and items contain ligature pairs', async () => {
    const pdf = await renderSlipPdf({
      number: 'RT-20261128-0001',
      title: '退货单',
      subtitle: 'RETURN SLIP',
      facts: [{ label: '原订单号 Order No.', value: orderNumber }],
      address: { title: '寄回地址 Send to', lines: ['退货组 021-60000000', '上海市青浦区 office floor 5'] },
      postage: null,
      itemsTitle: '退回商品 Items',
      items: [{ name: 'Office chair', detail: `${sku} × 1` }],
      instructionsTitle: '寄件须知 How to send',
      instructions: ['请把本单和商品一起放入包裹。'],
      footer: 'ReturnFlow',
    });
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain(orderNumber);
    expect(text).toContain(`${sku}×1`);
    expect(text).toContain('officefloor5');
  });
});
