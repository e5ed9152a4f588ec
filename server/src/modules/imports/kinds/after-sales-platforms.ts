/**
 * The after-sales (售后单) exports of the marketplaces Chinese shops sell on, and how
 * their words map to ours: the kind (退货退款 → return, 仅退款 → refund only, 换货 →
 * exchange), the platform's status (closed ones are not imported; agreed ones arrive
 * approved), and the reason.
 */
import type { Column } from '../columns.ts';

export const platforms = ['taobao', 'jd', 'pdd', 'douyin', 'generic'] as const;
export type Platform = (typeof platforms)[number];

export const platformNames: Record<Platform, { zh: string; en: string }> = {
  taobao: { zh: '淘宝/天猫', en: 'Taobao / Tmall' },
  jd: { zh: '京东', en: 'JD.com' },
  pdd: { zh: '拼多多', en: 'Pinduoduo' },
  douyin: { zh: '抖音/抖店', en: 'Douyin' },
  generic: { zh: '通用', en: 'Generic' },
};

type Key =
  | 'afterSalesNo'
  | 'orderNumber'
  | 'sku'
  | 'quantity'
  | 'kind'
  | 'needsReturn'
  | 'status'
  | 'reason'
  | 'note'
  | 'appliedAt'
  | 'refundAmount'
  | 'carrier'
  | 'trackingNumber'
  | 'buyer';

/** The headers each platform's export uses (the first is what its template shows). */
const headers: Record<Platform, Partial<Record<Key, string[]>>> = {
  taobao: {
    afterSalesNo: ['退款编号'],
    orderNumber: ['订单编号'],
    sku: ['商家编码'],
    quantity: ['退货数量', '购买数量'],
    kind: ['售后类型', '退款类型'],
    needsReturn: ['是否需要退货'],
    status: ['退款状态'],
    reason: ['退款原因', '买家退款原因'],
    note: ['退款说明', '买家退款说明'],
    appliedAt: ['退款的申请时间', '申请退款时间'],
    refundAmount: ['买家退款金额', '退款金额'],
    carrier: ['退货物流公司'],
    trackingNumber: ['退货运单号', '退货物流单号'],
    buyer: ['买家会员名称', '买家会员名'],
  },
  jd: {
    afterSalesNo: ['服务单号'],
    orderNumber: ['订单号'],
    sku: ['商家SKU编码', '商家编码', '商品编号'],
    quantity: ['申请数量', '商品数量'],
    kind: ['服务类型'],
    status: ['服务单状态', '审核状态'],
    reason: ['申请原因'],
    note: ['问题描述'],
    appliedAt: ['申请时间'],
    refundAmount: ['退款金额'],
    carrier: ['快递公司', '退货物流公司'],
    trackingNumber: ['运单号', '退货运单号'],
    buyer: ['客户账号', '客户姓名'],
  },
  pdd: {
    afterSalesNo: ['售后编号', '售后单号'],
    orderNumber: ['订单号'],
    sku: ['商家编码-SKU维度', '商家编码-商品维度', '商家编码'],
    quantity: ['申请数量', '商品数量'],
    kind: ['售后类型'],
    status: ['售后状态'],
    reason: ['售后原因', '申请原因'],
    note: ['售后说明', '补充描述'],
    appliedAt: ['申请时间'],
    refundAmount: ['退款金额', '申请退款金额'],
    carrier: ['退货物流公司'],
    trackingNumber: ['退货物流单号', '退货运单号'],
    buyer: ['买家昵称'],
  },
  douyin: {
    afterSalesNo: ['售后单号'],
    orderNumber: ['订单编号', '主订单编号', '子订单编号'],
    sku: ['商家编码', '商品编码'],
    quantity: ['申请数量', '商品数量'],
    kind: ['售后类型'],
    status: ['售后状态'],
    reason: ['售后原因', '申请原因'],
    note: ['问题描述', '买家留言'],
    appliedAt: ['申请时间', '售后申请时间'],
    refundAmount: ['退款金额', '申请退款金额'],
    carrier: ['退货物流公司'],
    trackingNumber: ['退货物流单号'],
    buyer: ['用户昵称'],
  },
  generic: {
    afterSalesNo: ['售后单号', 'After-sales number'],
    orderNumber: ['订单号', 'Order number'],
    sku: ['商品编码', 'SKU'],
    quantity: ['数量', 'Quantity'],
    kind: ['售后类型', 'Kind'],
    status: ['售后状态', 'Status'],
    reason: ['售后原因', 'Reason'],
    note: ['说明', 'Note'],
    appliedAt: ['申请时间', 'Applied at'],
    refundAmount: ['退款金额(元)', 'Refund amount (yuan)'],
    carrier: ['退货物流公司', 'Return carrier'],
    trackingNumber: ['退货运单号', 'Return tracking number'],
  },
};

const english: Record<Key, string> = {
  afterSalesNo: 'After-sales number',
  orderNumber: 'Order number',
  sku: 'SKU',
  quantity: 'Quantity',
  kind: 'Kind',
  needsReturn: 'Goods returned',
  status: 'Status',
  reason: 'Reason',
  note: 'Note',
  appliedAt: 'Applied at',
  refundAmount: 'Refund amount',
  carrier: 'Return carrier',
  trackingNumber: 'Return tracking number',
  buyer: 'Buyer',
};

const examples: Partial<Record<Key, string>> = {
  afterSalesNo: '2026011512345678',
  orderNumber: 'SO-2026-0001',
  sku: 'TS-001-WHITE-M',
  quantity: '1',
  kind: '退货退款',
  status: '待买家退货',
  reason: '七天无理由退货',
  appliedAt: '2026-01-15 10:30',
  refundAmount: '99.00',
};

/** The columns of a platform's after-sales export. */
export function afterSalesColumns(platform: Platform): Column[] {
  const own = headers[platform];
  const keys = Object.keys(english) as Key[];
  return keys.flatMap((key) => {
    const names = own[key];
    if (!names || names.length === 0) return [];
    const [first, ...rest] = names as [string, ...string[]];
    return [
      {
        key,
        zh: first,
        en: english[key],
        aliases: rest,
        required: key === 'afterSalesNo' || key === 'orderNumber' || key === 'sku',
        ...(examples[key] ? { example: examples[key] } : {}),
      },
    ];
  });
}

export type AfterSalesKind = 'return' | 'refund_only' | 'exchange';

/** The kind of an after-sales request from the platform's words; null when we do not handle it (维修, 补寄). */
export function kindOf(kindText: string, needsReturn: string): AfterSalesKind | null {
  const text = kindText.trim();
  if (!text) {
    if (/^(否|不需要|n|no)$/i.test(needsReturn.trim())) return 'refund_only';
    return 'return';
  }
  if (/维修|补寄|补发|保价/.test(text)) return null;
  if (/换/.test(text)) return 'exchange';
  if (/仅退款|未发货|拒收|refund.?only/i.test(text)) return 'refund_only';
  if (/退货|退款|return/i.test(text)) return 'return';
  return null;
}

export type PlatformState = 'closed' | 'approved' | 'requested';

/** Whether the platform closed the request, agreed to it, or has not decided. */
export function stateOf(status: string): PlatformState {
  if (/关闭|撤销|取消|拒绝|驳回|失败|closed|cancel|reject/i.test(status)) return 'closed';
  // "买家已经申请退款，等待卖家同意": still waiting for the shop.
  if (/等待卖家同意|待卖家同意|待审核|待商家处理|待卖家处理|待处理|申请中|pending/i.test(status)) return 'requested';
  if (/同意|待买家退货|待退货|已退货|已经退货|买家已发货|确认收货|待商家收货|待收货|退款成功|已退款|已完成|完成|成功|approved|refunded|completed/i.test(status))
    return 'approved';
  return 'requested';
}

/** Our reason code for the platform's reason, among the codes the policy has. */
export function reasonCodeOf(reason: string, codes: readonly string[]): string {
  const rules: [RegExp, string][] = [
    [/质量|故障|坏了|瑕疵|quality/i, 'quality'],
    [/发错|错发|少件|漏发|wrong/i, 'wrong_item'],
    [/破损|损坏|压坏|运输|damage/i, 'damaged_in_transit'],
    [/不符|色差|描述|假货|not as described/i, 'not_as_described'],
    [/无理由|不想要|不喜欢|拍错|多拍|尺码|大小|no reason/i, 'no_reason'],
  ];
  for (const [pattern, code] of rules) if (pattern.test(reason) && codes.includes(code)) return code;
  return codes.includes('no_reason') ? 'no_reason' : (codes[0] ?? 'no_reason');
}
