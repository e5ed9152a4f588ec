/**
 * The templates a shop starts with, per event and language. `short` is the SMS, WeChat
 * and group-chat text; `subject` and `body` make the email (for staff digests, `subject`
 * is the heading with {{count}} and `short` one line per return). Essential notices are
 * sent even to customers who opted out of the rest.
 */
import type { NoticeAudience, NoticeLocale } from './notice-catalog.ts';

export type TemplateText = { subject: string; short: string; body: string; essential: boolean };

type Localized = Record<NoticeLocale, Omit<TemplateText, 'essential'>>;

const signature = { 'zh-CN': '\n\n随时查看进度：{{link}}\n\n{{shopName}}', en: '\n\nFollow your return at any time: {{link}}\n\n{{shopName}}' };

function customer(essential: boolean, zh: [string, string, string], en: [string, string, string]): { essential: boolean; text: Localized } {
  return {
    essential,
    text: {
      'zh-CN': { subject: zh[0], short: zh[1], body: `{{customerName}}，您好：\n\n${zh[2]}${signature['zh-CN']}` },
      en: { subject: en[0], short: en[1], body: `Dear {{customerName}},\n\n${en[2]}${signature.en}` },
    },
  };
}

const customerTemplates: Record<string, { essential: boolean; text: Localized }> = {
  'return.created': customer(
    true,
    [
      '【{{shopName}}】已收到您的退货申请 {{returnNumber}}',
      '【{{shopName}}】已收到您的退货申请{{returnNumber}}，我们会尽快处理。查看进度：{{link}}',
      '我们已收到您的退货申请 {{returnNumber}}（订单 {{orderNumber}}）：{{itemSummary}}。\n当前状态：{{statusText}}。每一步进展都会及时通知您。',
    ],
    [
      '[{{shopName}}] We received your return request {{returnNumber}}',
      '[{{shopName}}] We received your return request {{returnNumber}}. Track it: {{link}}',
      'We have received your return request {{returnNumber}} (order {{orderNumber}}): {{itemSummary}}.\nStatus: {{statusText}}. We will tell you of every step.',
    ],
  ),
  'return.approved': customer(
    true,
    [
      '【{{shopName}}】退货申请 {{returnNumber}} 已通过',
      '【{{shopName}}】您的退货申请{{returnNumber}}已通过。{{nextStep}} 详情：{{link}}',
      '您的退货申请 {{returnNumber}} 已审核通过。\n{{nextStep}}',
    ],
    [
      '[{{shopName}}] Return {{returnNumber}} approved',
      '[{{shopName}}] Your return {{returnNumber}} is approved. {{nextStep}} Details: {{link}}',
      'Your return request {{returnNumber}} has been approved.\n{{nextStep}}',
    ],
  ),
  'return.rejected': customer(
    true,
    [
      '【{{shopName}}】退货申请 {{returnNumber}} 未通过',
      '【{{shopName}}】很抱歉，您的退货申请{{returnNumber}}未通过：{{rejectReason}}。详情：{{link}}',
      '很抱歉，您的退货申请 {{returnNumber}} 未通过审核。\n原因：{{rejectReason}}\n如有疑问，请联系客服。',
    ],
    [
      '[{{shopName}}] Return {{returnNumber}} not approved',
      '[{{shopName}}] Sorry, your return {{returnNumber}} was not approved: {{rejectReason}}. Details: {{link}}',
      'We are sorry: your return request {{returnNumber}} was not approved.\nReason: {{rejectReason}}\nPlease contact us with any question.',
    ],
  ),
  'return.shipped': customer(
    false,
    [
      '【{{shopName}}】已收到您的寄回信息 {{returnNumber}}',
      '【{{shopName}}】已登记您的退货包裹（{{carrier}} {{trackingNumber}}），仓库收货后通知您。进度：{{link}}',
      '您的退货 {{returnNumber}} 已寄出：{{carrier}} {{trackingNumber}}。\n仓库收到后我们会马上通知您。',
    ],
    [
      '[{{shopName}}] Your parcel for {{returnNumber}} is on its way',
      '[{{shopName}}] We noted your parcel ({{carrier}} {{trackingNumber}}); we will tell you when it arrives. {{link}}',
      'Your return {{returnNumber}} is on its way: {{carrier}} {{trackingNumber}}.\nWe will tell you as soon as the warehouse receives it.',
    ],
  ),
  'return.received': customer(
    false,
    [
      '【{{shopName}}】仓库已收到您的退货 {{returnNumber}}',
      '【{{shopName}}】仓库已收到您退回的商品（{{returnNumber}}），正在检验。进度：{{link}}',
      '仓库已收到您退回的商品（{{returnNumber}}）：{{itemSummary}}。\n检验完成后我们会尽快为您处理。',
    ],
    [
      '[{{shopName}}] We received your return {{returnNumber}}',
      '[{{shopName}}] Our warehouse received your return {{returnNumber}} and is inspecting it. {{link}}',
      'Our warehouse has received the goods of return {{returnNumber}}: {{itemSummary}}.\nWe will settle it as soon as they are inspected.',
    ],
  ),
  'return.inspected': customer(
    false,
    [
      '【{{shopName}}】退货 {{returnNumber}} 已检验',
      '【{{shopName}}】您退回的商品已检验完毕（{{returnNumber}}），应退{{refundableAmount}}。进度：{{link}}',
      '您退回的商品（{{returnNumber}}）已检验完毕。\n应退金额：{{refundableAmount}}。',
    ],
    [
      '[{{shopName}}] Return {{returnNumber}} inspected',
      '[{{shopName}}] Your return {{returnNumber}} has been inspected; {{refundableAmount}} is due to you. {{link}}',
      'The goods of your return {{returnNumber}} have been inspected.\nAmount due to you: {{refundableAmount}}.',
    ],
  ),
  'return.refunded': customer(
    true,
    [
      '【{{shopName}}】退款 {{refundAmount}} 已退回',
      '【{{shopName}}】您的退货{{returnNumber}}已退款{{refundAmount}}，到账时间以支付渠道为准。详情：{{link}}',
      '您的退货 {{returnNumber}} 已退款 {{refundAmount}}。\n到账时间以支付渠道为准。',
    ],
    [
      '[{{shopName}}] {{refundAmount}} refunded',
      '[{{shopName}}] {{refundAmount}} has been refunded for return {{returnNumber}}. Details: {{link}}',
      'We have refunded {{refundAmount}} for your return {{returnNumber}}.\nWhen it reaches you depends on your payment provider.',
    ],
  ),
  'return.resolved': customer(
    false,
    [
      '【{{shopName}}】退货 {{returnNumber}} 已处理完成',
      '【{{shopName}}】您的退货{{returnNumber}}已处理完成，感谢您的耐心。{{link}}',
      '您的退货 {{returnNumber}} 已处理完成，感谢您的耐心。\n欢迎在进度页面给我们评价。',
    ],
    [
      '[{{shopName}}] Return {{returnNumber}} completed',
      '[{{shopName}}] Your return {{returnNumber}} is complete. Thank you for your patience. {{link}}',
      'Your return {{returnNumber}} is complete. Thank you for your patience.\nYou can rate us on the progress page.',
    ],
  ),
  'return.closed': customer(
    false,
    ['【{{shopName}}】退货 {{returnNumber}} 已关闭', '【{{shopName}}】您的退货{{returnNumber}}已关闭。{{link}}', '您的退货 {{returnNumber}} 已关闭。'],
    [
      '[{{shopName}}] Return {{returnNumber}} closed',
      '[{{shopName}}] Your return {{returnNumber}} is closed. {{link}}',
      'Your return {{returnNumber}} is closed.',
    ],
  ),
  'return.cancelled': customer(
    true,
    [
      '【{{shopName}}】退货申请 {{returnNumber}} 已取消',
      '【{{shopName}}】您的退货申请{{returnNumber}}已取消。{{cancelReason}} 详情：{{link}}',
      '您的退货申请 {{returnNumber}} 已取消。\n{{cancelReason}}',
    ],
    [
      '[{{shopName}}] Return {{returnNumber}} cancelled',
      '[{{shopName}}] Your return {{returnNumber}} is cancelled. {{cancelReason}} Details: {{link}}',
      'Your return request {{returnNumber}} has been cancelled.\n{{cancelReason}}',
    ],
  ),
  'return.replacement_shipped': customer(
    true,
    [
      '【{{shopName}}】换货商品已发出 {{returnNumber}}',
      '【{{shopName}}】您的换货商品已发出（{{returnNumber}}），请注意查收。{{link}}',
      '您的换货（{{returnNumber}}）已发出，请注意查收。',
    ],
    [
      '[{{shopName}}] Your replacement for {{returnNumber}} has shipped',
      '[{{shopName}}] Your replacement for {{returnNumber}} has shipped. {{link}}',
      'The replacement for your return {{returnNumber}} has shipped.',
    ],
  ),
  'return.ship_reminder': customer(
    true,
    [
      '【{{shopName}}】请尽快寄回退货商品 {{returnNumber}}',
      '【{{shopName}}】您的退货{{returnNumber}}已通过{{daysWaiting}}天，请在{{deadline}}前寄回并填写运单号，逾期将自动取消。{{link}}',
      '您的退货 {{returnNumber}} 已审核通过 {{daysWaiting}} 天，我们还没有收到寄回信息。\n请在 {{deadline}} 前寄回商品并填写运单号，逾期申请将自动取消。',
    ],
    [
      '[{{shopName}}] Please send back the goods of {{returnNumber}}',
      '[{{shopName}}] Return {{returnNumber}} was approved {{daysWaiting}} days ago. Please ship it by {{deadline}} or it will be cancelled. {{link}}',
      'Your return {{returnNumber}} was approved {{daysWaiting}} days ago and we have no parcel yet.\nPlease send the goods and enter the tracking number by {{deadline}}; after that the request is cancelled.',
    ],
  ),
  'return.photos_requested': customer(
    true,
    [
      '【{{shopName}}】请为退货 {{returnNumber}} 补充照片',
      '【{{shopName}}】请为退货{{returnNumber}}补充商品照片，以便尽快处理。{{message}} 上传：{{link}}',
      '为了尽快处理您的退货 {{returnNumber}}，请在进度页上传商品照片。\n{{message}}',
    ],
    [
      '[{{shopName}}] Please add photos to return {{returnNumber}}',
      '[{{shopName}}] Please add photos of the goods to return {{returnNumber}} so we can handle it. {{message}} Upload: {{link}}',
      'To handle your return {{returnNumber}} quickly, please upload photos of the goods on the progress page.\n{{message}}',
    ],
  ),
  'automation.notify': customer(
    false,
    [
      '【{{shopName}}】关于退货 {{returnNumber}}',
      '【{{shopName}}】{{message}}（退货{{returnNumber}}）{{link}}',
      '关于您的退货 {{returnNumber}}：\n{{message}}',
    ],
    [
      '[{{shopName}}] About return {{returnNumber}}',
      '[{{shopName}}] {{message}} (return {{returnNumber}}) {{link}}',
      'About your return {{returnNumber}}:\n{{message}}',
    ],
  ),
};

function staff(zh: [string, string], en: [string, string]): { essential: boolean; text: Localized } {
  return {
    essential: true,
    text: {
      'zh-CN': { subject: zh[0], short: zh[1], body: `${zh[0]}\n\n${zh[1]}\n{{link}}` },
      en: { subject: en[0], short: en[1], body: `${en[0]}\n\n${en[1]}\n{{link}}` },
    },
  };
}

const line = { 'zh-CN': '{{returnNumber}} {{customerName}}：{{itemSummary}}', en: '{{returnNumber}} {{customerName}}: {{itemSummary}}' };

const staffTemplates: Record<string, { essential: boolean; text: Localized }> = {
  'return.created': staff(['{{count}} 个新退货申请', line['zh-CN']], ['{{count}} new return request(s)', line.en]),
  'return.approved': staff(['{{count}} 个退货已通过', line['zh-CN']], ['{{count}} return(s) approved', line.en]),
  'return.rejected': staff(
    ['{{count}} 个退货已驳回', '{{returnNumber}} {{customerName}}：{{reason}}'],
    ['{{count}} return(s) rejected', '{{returnNumber}} {{customerName}}: {{reason}}'],
  ),
  'return.shipped': staff(
    ['{{count}} 个退货已寄出，请准备收货', '{{returnNumber}} {{carrier}} {{trackingNumber}}'],
    ['{{count}} return(s) shipped: get ready to receive', '{{returnNumber}} {{carrier}} {{trackingNumber}}'],
  ),
  'return.arriving': staff(
    ['{{count}} 个退货包裹已签收，即将到仓', '{{returnNumber}} {{carrier}} {{trackingNumber}}'],
    ['{{count}} return parcel(s) delivered, arriving at the warehouse', '{{returnNumber}} {{carrier}} {{trackingNumber}}'],
  ),
  'return.received': staff(['{{count}} 个退货已到货，待检验', line['zh-CN']], ['{{count}} return(s) arrived, to inspect', line.en]),
  'return.inspected': staff(
    ['{{count}} 个退货已检验，待退款', '{{returnNumber}} {{customerName}}：{{refundAmount}}'],
    ['{{count}} return(s) inspected, to refund', '{{returnNumber}} {{customerName}}: {{refundAmount}}'],
  ),
  'return.refunded': staff(
    ['{{count}} 个退货已退款', '{{returnNumber}} {{customerName}}：{{refundAmount}}'],
    ['{{count}} return(s) refunded', '{{returnNumber}} {{customerName}}: {{refundAmount}}'],
  ),
  'return.resolved': staff(['{{count}} 个退货已完成', line['zh-CN']], ['{{count}} return(s) completed', line.en]),
  'return.closed': staff(['{{count}} 个退货已关闭', line['zh-CN']], ['{{count}} return(s) closed', line.en]),
  'return.cancelled': staff(
    ['{{count}} 个退货已取消', '{{returnNumber}} {{customerName}}：{{reason}}'],
    ['{{count}} return(s) cancelled', '{{returnNumber}} {{customerName}}: {{reason}}'],
  ),
  'return.replacement_shipped': staff(['{{count}} 个换货已发出', line['zh-CN']], ['{{count}} replacement(s) shipped', line.en]),
  'refund.pending_approval': staff(
    ['{{count}} 笔退款待复核', '{{returnNumber}} {{customerName}}：{{refundAmount}}'],
    ['{{count}} refund(s) waiting for approval', '{{returnNumber}} {{customerName}}: {{refundAmount}}'],
  ),
  'return.escalated': staff(
    ['{{count}} 个退货环节超时，已升级', '{{returnNumber}} {{customerName}}：{{statusText}}，已交给{{roleName}}'],
    ['{{count}} overdue return(s) escalated', '{{returnNumber}} {{customerName}}: {{statusText}}, handed to {{roleName}}'],
  ),
  'automation.notify': staff(
    ['{{count}} 条自动化提醒', '{{returnNumber}} {{customerName}}：{{message}}'],
    ['{{count}} automation notice(s)', '{{returnNumber}} {{customerName}}: {{message}}'],
  ),
  'webhook.disabled': staff(
    ['Webhook 已自动停用', '{{url}} 连续失败超过 3 天，已自动停用：{{reason}}。修复接收端后请在设置中重新启用。'],
    ['A webhook was disabled', '{{url}} failed for more than 3 days and was disabled: {{reason}}. Re-enable it in the settings once the receiver is fixed.'],
  ),
};

/** The built-in template of an event, or undefined when the audience does not hear of it. */
export function defaultTemplate(audience: NoticeAudience, event: string, locale: NoticeLocale): TemplateText | undefined {
  const table = audience === 'customer' ? customerTemplates : staffTemplates;
  // Own keys only: an event named after an Object.prototype member ("constructor") is unknown, not a crash.
  const entry = Object.hasOwn(table, event) ? table[event] : undefined;
  if (!entry) return undefined;
  return { ...entry.text[locale], essential: entry.essential };
}
