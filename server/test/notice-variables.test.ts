/** The variables of a return's notices: the amount each event speaks of. */
import { describe, expect, it } from 'vitest';
import { type ReturnPayload, returnVariables, type VariableContext } from '../src/modules/notifications/notice-variables.ts';

const payload: ReturnPayload = {
  id: 'ret_1',
  number: 'RT-20261127-0001',
  status: 'inspected',
  stage: 'refund',
  type: 'return',
  returnless: false,
  orderId: 'ord_1',
  customerId: 'cus_1',
  currency: 'CNY',
  carrier: null,
  trackingNumber: null,
  rejectReason: null,
  refundableAmount: 12_900,
  refundedAmount: 0,
  refunds: [],
  lines: [{ name: '纯棉T恤', sku: 'TS-1', quantity: 1 }],
};

const context = (eventType: string, p: ReturnPayload = payload): VariableContext => ({
  eventType,
  eventAt: '2026-11-27T10:00:00Z',
  payload: p,
  customerName: '张三',
  orderNumber: 'SO-1',
  shopName: '退货通',
  link: null,
  locale: 'zh-CN',
  shipWithinDays: 7,
});

describe('notice variables', () => {
  it('gives the inspected notice the amount still to refund (the warehouse tells finance what to pay)', () => {
    expect(returnVariables(context('return.inspected')).refundAmount).toBe('¥129.00');
    const partly = { ...payload, refundedAmount: 2_900, refunds: [{ amount: 2_900, status: 'paid', createdAt: '2026-11-27T09:00:00Z' }] };
    expect(returnVariables(context('return.inspected', partly)).refundAmount).toBe('¥100.00');
  });

  it('gives the refunded notice the refund paid', () => {
    const paid = { ...payload, status: 'resolved', refundedAmount: 12_900, refunds: [{ amount: 12_900, status: 'paid', createdAt: '2026-11-27T11:00:00Z' }] };
    expect(returnVariables(context('return.refunded', paid)).refundAmount).toBe('¥129.00');
    expect(returnVariables(context('return.inspected', paid)).refundAmount).toBe('');
  });
});
