/** The variables of a return's notices, from the event's payload (the return as it was announced). */
import { formatDateTime, formatMoney, type NoticeLocale, type NoticeVariables, statusText } from './notice-catalog.ts';

/** The part of the return payload (ReturnView) notices read. */
export type ReturnPayload = {
  id: string;
  number: string;
  status: string;
  stage: string;
  type: string;
  returnless: boolean;
  orderId: string;
  customerId: string;
  currency: string;
  carrier: string | null;
  trackingNumber: string | null;
  rejectReason: string | null;
  refundableAmount: number;
  refundedAmount: number;
  refunds?: { amount: number; status: string; createdAt: string }[];
  lines?: { name?: string; sku: string; quantity: number }[];
  timeline?: { action: string; note: string | null }[];
  /** Added by process automations: a message (automation.notify, return.photos_requested), who it goes to. */
  message?: string | null;
  messageEn?: string | null;
  channel?: 'staff' | 'customer' | 'robot';
  role?: string;
  userId?: string | null;
};

/** Whether a payload looks like a return (events of other aggregates have other shapes). */
export function isReturnPayload(value: unknown): value is ReturnPayload {
  const v = value as Partial<ReturnPayload> | null;
  return Boolean(v && typeof v.id === 'string' && typeof v.number === 'string' && typeof v.customerId === 'string' && typeof v.status === 'string');
}

function itemSummary(lines: ReturnPayload['lines'], locale: NoticeLocale): string {
  if (!lines || lines.length === 0) return '';
  const items = lines.map((l) => `${l.name ?? l.sku} ×${l.quantity}`);
  const shown = items.slice(0, 3).join(locale === 'en' ? ', ' : '、');
  if (items.length <= 3) return shown;
  return locale === 'en' ? `${shown} and ${items.length - 3} more` : `${shown}等${items.length}种商品`;
}

function latestRefund(payload: ReturnPayload, status: string): number | null {
  const refunds = (payload.refunds ?? []).filter((r) => r.status === status);
  const last = refunds.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).at(-1);
  return last ? last.amount : null;
}

function lastNote(payload: ReturnPayload, action: string): string {
  return (payload.timeline ?? []).filter((t) => t.action === action).at(-1)?.note ?? '';
}

export type VariableContext = {
  eventType: string;
  eventAt: string;
  payload: ReturnPayload;
  customerName: string;
  orderNumber: string | null;
  shopName: string;
  link: string | null;
  locale: NoticeLocale;
  /** Days the customer has to send the goods once approved (the return-shipping stage's limit). */
  shipWithinDays: number | null;
  extra?: NoticeVariables;
};

const roleNames: Record<string, Record<NoticeLocale, string>> = {
  admin: { 'zh-CN': '管理员', en: 'admin' },
  manager: { 'zh-CN': '经理', en: 'manager' },
  service: { 'zh-CN': '客服', en: 'customer service' },
  warehouse: { 'zh-CN': '仓库', en: 'warehouse' },
  finance: { 'zh-CN': '财务', en: 'finance' },
  sales: { 'zh-CN': '销售', en: 'sales' },
  viewer: { 'zh-CN': '只读用户', en: 'viewer' },
};

function nextStep(c: VariableContext): string {
  const goodsBack = c.payload.type !== 'refund_only' && !c.payload.returnless;
  if (!goodsBack) return c.locale === 'en' ? 'We will refund you shortly.' : '我们会尽快为您退款。';
  const days = c.shipWithinDays;
  if (c.locale === 'en') {
    return `Please send the goods to our return address${days ? ` within ${days} days` : ''} and enter the tracking number on the progress page.`;
  }
  return `请${days ? `在${days}天内` : '尽快'}按退货地址寄回商品，并在进度页填写快递单号。`;
}

/** Every variable a notice of a return event may show. */
export function returnVariables(c: VariableContext): NoticeVariables {
  const p = c.payload;
  // The amount a notice speaks of: the refund awaiting approval; once inspected (nothing paid yet), what is still due; else the last refund paid.
  const due = Math.max(0, p.refundableAmount - p.refundedAmount);
  const refund =
    c.eventType === 'refund.pending_approval'
      ? latestRefund(p, 'pending_approval')
      : c.eventType === 'return.inspected'
        ? due || null
        : (latestRefund(p, 'paid') ?? (p.refundedAmount || null));
  const reason = c.eventType === 'return.cancelled' ? lastNote(p, 'cancel') : (p.rejectReason ?? '');
  return {
    shopName: c.shopName,
    customerName: c.customerName,
    returnNumber: p.number,
    orderNumber: c.orderNumber ?? '',
    statusText: statusText(p.status, c.locale),
    itemSummary: itemSummary(p.lines, c.locale),
    nextStep: nextStep(c),
    refundAmount: refund === null ? '' : formatMoney(refund, p.currency, c.locale),
    refundableAmount: formatMoney(p.refundableAmount, p.currency, c.locale),
    carrier: p.carrier ?? '',
    trackingNumber: p.trackingNumber ?? '',
    rejectReason: p.rejectReason ?? '',
    cancelReason: lastNote(p, 'cancel'),
    reason,
    message: (c.locale === 'en' ? (p.messageEn ?? p.message) : p.message) ?? '',
    roleName: p.role ? (roleNames[p.role]?.[c.locale] ?? p.role) : '',
    date: formatDateTime(c.eventAt),
    link: c.link ?? '',
    ...c.extra,
  };
}

/** Variables of the built-in sample return, for previews. */
export function sampleVariables(locale: NoticeLocale, shopName: string, publicUrl: string): NoticeVariables {
  const en = locale === 'en';
  return {
    shopName,
    count: '3',
    customerName: en ? 'Li Lei' : '张三',
    returnNumber: 'RT-20260115-0042',
    orderNumber: 'SO-20260108-1001',
    statusText: statusText('approved', locale),
    itemSummary: en ? 'Cotton T-shirt ×2' : '纯棉T恤 ×2',
    nextStep: en
      ? 'Please send the goods to our return address within 7 days and enter the tracking number on the progress page.'
      : '请在7天内按退货地址寄回商品，并在进度页填写快递单号。',
    refundAmount: formatMoney(19_800, 'CNY', locale),
    refundableAmount: formatMoney(19_800, 'CNY', locale),
    carrier: en ? 'SF Express' : '顺丰速运',
    trackingNumber: 'SF1234567890123',
    rejectReason: en ? 'The 7-day window has passed' : '已超过七天无理由退货期限',
    cancelReason: en ? 'Cancelled at your request' : '应您的要求取消',
    reason: en ? 'HTTP 500' : 'HTTP 500',
    deadline: formatDateTime(new Date(Date.UTC(2026, 0, 22, 8)).toISOString()),
    daysWaiting: '3',
    message: en ? 'Please bring the original packaging.' : '请保留原包装一并寄回。',
    roleName: en ? 'manager' : '经理',
    url: 'https://erp.example.com/hooks/returnflow',
    date: formatDateTime(new Date(Date.UTC(2026, 0, 15, 2, 30)).toISOString()),
    link: `${publicUrl.replace(/\/$/, '')}/portal/p/sample`,
  };
}
