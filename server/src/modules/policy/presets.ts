/**
 * Policies to start from: 七天无理由退货 (consumer law for online sales), 质量问题退换
 * (三包), and B2B wholesale. Applying one publishes it as the next version; a manager
 * adjusts it from there.
 */
import { defaultPolicy } from './default-policy.ts';
import type { Policy, PolicyReason, PresetCode } from './policy.schema.ts';

export type PolicyPreset = { code: PresetCode; name: string; nameEn: string; summary: string; summaryEn: string; policy: Policy };

/** The statutory reasons, with sub-reasons staff and customers pick from (and reports group by). */
const consumerReasons: PolicyReason[] = [
  {
    code: 'no_reason',
    label: '七天无理由',
    labelEn: 'No reason (7-day return)',
    shopFault: false,
    category: 'changed_mind',
    children: [
      { code: 'size_fit', label: '尺码不合适', labelEn: 'Size or fit', category: 'size_fit' },
      { code: 'changed_mind', label: '不想要了', labelEn: 'Changed my mind' },
      { code: 'better_price', label: '买贵了/有更低价', labelEn: 'Found a better price' },
    ],
  },
  {
    code: 'quality',
    label: '质量问题',
    labelEn: 'Quality problem',
    shopFault: true,
    requiresPhoto: true,
    category: 'quality',
    children: [
      { code: 'quality_broken', label: '破损/开裂', labelEn: 'Broken or cracked' },
      { code: 'quality_not_working', label: '无法使用/不开机', labelEn: 'Does not work' },
      { code: 'quality_workmanship', label: '做工瑕疵', labelEn: 'Poor workmanship' },
    ],
  },
  { code: 'wrong_item', label: '发错货', labelEn: 'Wrong item sent', shopFault: true, category: 'wrong_item' },
  { code: 'damaged_in_transit', label: '运输损坏', labelEn: 'Damaged in transit', shopFault: true, requiresPhoto: true, category: 'transit_damage' },
  { code: 'not_as_described', label: '与描述不符', labelEn: 'Not as described', shopFault: true, category: 'description' },
];

/** The goods the law exempts from no-reason returns (消费者权益保护法 第二十五条). */
const legalExceptions = ['定制商品', '生鲜食品', '数字内容', '音像制品', '计算机软件', '报纸期刊'];

const consumer7Day: Policy = {
  ...defaultPolicy,
  returnWindowDays: 7,
  faultRefundDays: 7,
  faultExchangeDays: 15,
  nonReturnableCategories: legalExceptions,
  // The exceptions are to no-reason returns only: a defective fresh or custom item still comes back.
  nonReturnableScope: 'no_reason_only',
  restockingFeePercent: 0,
  returnShippingNoReason: 'customer',
  reasons: consumerReasons,
  rules: [
    {
      id: 'opened-media',
      name: '已拆封音像制品/软件核实',
      nameEn: 'Opened media or software: check the seal',
      enabled: true,
      match: 'all',
      conditions: [
        { fact: 'line.category', op: 'in', values: ['音像制品', '计算机软件'] },
        { fact: 'reason.shopFault', op: 'is', value: false },
      ],
      outcomes: [
        {
          type: 'not_eligible',
          message: '音像制品、计算机软件等一经拆封不适用七天无理由退货',
          messageEn: 'Audio, video and software that were unsealed cannot be returned without a reason',
        },
      ],
    },
  ],
  preset: 'consumer_7day',
};

const qualitySanbao: Policy = {
  ...consumer7Day,
  nonReturnableCategories: [],
  nonReturnableScope: 'all_reasons',
  returnShippingNoReason: 'shop',
  rules: [
    {
      id: 'quality-only',
      name: '仅受理质量问题退换',
      nameEn: 'Quality problems only',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.shopFault', op: 'is', value: false }],
      outcomes: [
        {
          type: 'not_eligible',
          message: '本店按“三包”受理质量问题退换货：7日内退货，15日内换货',
          messageEn: 'This shop takes back goods with quality problems (三包): return within 7 days, exchange within 15',
        },
      ],
    },
    {
      id: 'shop-pays-shipping',
      name: '质量问题运费由商家承担',
      nameEn: 'The shop pays shipping for defects',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.shopFault', op: 'is', value: true }],
      outcomes: [{ type: 'return_shipping', payer: 'shop' }],
    },
  ],
  preset: 'quality_sanbao',
};

const b2bWholesale: Policy = {
  ...defaultPolicy,
  faultRefundDays: 30,
  faultExchangeDays: 30,
  nonReturnableCategories: ['定制商品'],
  nonReturnableScope: 'all_reasons',
  restockingFeePercent: 15,
  autoApprove: { enabled: false, maxAmount: null },
  refundApprovalLimit: 500_000,
  returnShippingNoReason: 'customer',
  reasons: consumerReasons.map(({ children, ...r }) => (r.code === 'no_reason' ? r : { ...r, ...(children ? { children } : {}) })),
  rules: [
    {
      id: 'no-reason-off',
      name: '批发不支持无理由退货',
      nameEn: 'No no-reason returns for wholesale',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.code', op: 'in', values: ['no_reason'] }],
      outcomes: [
        {
          type: 'not_eligible',
          message: '批发订单仅受理质量问题退换，不支持无理由退货',
          messageEn: 'Wholesale orders are taken back for defects only, not without a reason',
        },
      ],
    },
    {
      id: 'defects-reviewed',
      name: '质量问题退货人工审核',
      nameEn: 'Defect returns are reviewed',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.shopFault', op: 'is', value: true }],
      outcomes: [{ type: 'needs_review' }, { type: 'require_photos' }, { type: 'return_shipping', payer: 'shop' }],
    },
  ],
  preset: 'b2b_wholesale',
};

export const policyPresets: readonly PolicyPreset[] = [
  {
    code: 'consumer_7day',
    name: '七天无理由退货',
    nameEn: '7-day no-reason returns',
    summary:
      '网店零售：签收次日起7个自然日无理由退货，不收手续费，买家承担寄回运费（有运费险的除外）；定制、生鲜、数字内容、拆封音像制品和软件、报纸期刊依法除外。',
    summaryEn:
      'Online retail: 7 calendar days from the day after delivery, no restocking fee, the customer pays return shipping unless insured; custom-made, fresh, digital content, opened audio/video/software, newspapers and magazines are excepted by law.',
    policy: consumer7Day,
  },
  {
    code: 'quality_sanbao',
    name: '质量问题退换（三包）',
    nameEn: 'Quality returns (三包)',
    summary: '门店或“三包”商品：质量问题7日内退货、15日内换货，运费由商家承担；无理由退货不受理。',
    summaryEn: 'Shops under 三包: defects may be returned within 7 days or exchanged within 15, the shop pays shipping; no no-reason returns.',
    policy: qualitySanbao,
  },
  {
    code: 'b2b_wholesale',
    name: 'B2B 批发',
    nameEn: 'B2B wholesale',
    summary: '批发客户：不支持无理由退货，仅受理质量问题（30天内，人工审核，需照片）；可收取手续费；大额退款需财务审批。',
    summaryEn:
      'Wholesale buyers: no no-reason returns, defects only (within 30 days, reviewed, with photos); restocking fees allowed; large refunds need approval.',
    policy: b2bWholesale,
  },
];

/** A preset by its code. */
export function findPreset(code: string): PolicyPreset | undefined {
  return policyPresets.find((p) => p.code === code);
}
