/**
 * What a return slip says, in one place for both the PDF and the image: the number the
 * warehouse scans, where the parcel goes, who pays the postage, what is inside.
 */
import type { CustomerReturnView } from '../portal/portal.schema.ts';

export type SlipContent = {
  number: string;
  title: string;
  subtitle: string;
  facts: { label: string; value: string }[];
  address: { title: string; lines: string[] } | null;
  postage: string | null;
  itemsTitle: string;
  items: { name: string; detail: string }[];
  instructionsTitle: string;
  instructions: string[];
  footer: string;
};

const kindLabel = (view: Pick<CustomerReturnView, 'type' | 'resolution'>) => {
  if (view.type === 'refund_only') return '仅退款 Refund only';
  return view.resolution === 'exchange' ? '换货 Exchange' : '退货退款 Return for refund';
};

const resolutionLabel = { refund: '原路退款 Refund to original payment', exchange: '换货 Replacement', store_credit: '退为店铺余额 Store credit' } as const;

/** The slip's content for a return (dates in the shop's time zone). */
export function slipContent(view: CustomerReturnView, timeZone: string): SlipContent {
  const filed = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(view.createdAt));
  const address = view.returnAddress;
  return {
    number: view.number,
    title: '退货单',
    subtitle: 'RETURN SLIP',
    facts: [
      { label: '订单号 Order', value: view.orderNumber },
      { label: '申请日期 Filed', value: filed },
      { label: '售后类型 Type', value: kindLabel(view) },
      { label: '处理方式 Outcome', value: resolutionLabel[view.resolution] },
    ],
    address: address
      ? {
          title: '寄回地址 Send to',
          lines: [`${address.contactName}  ${address.contactPhone}`.trim(), address.address, address.name].filter((l) => l !== ''),
        }
      : null,
    postage:
      view.shippingPaidBy === 'shop'
        ? '运费：商家承担（商品问题），寄件时请选择「到付」'
        : view.shippingPaidBy === 'customer'
          ? view.shippingInsured
            ? '运费：请先自付，本店赠送的运费险将赔付给您'
            : '运费：无理由退货由买家承担；购买了运费险的由保险赔付'
          : null,
    itemsTitle: '退回商品 Items',
    items: view.lines.map((l) => ({ name: l.name, detail: `${l.sku} × ${l.quantity} · ${l.reasonLabel}` })),
    instructionsTitle: '寄件须知 How to send',
    instructions: [
      `请把本单（或写有退货单号 ${view.number} 的纸条）和商品一起放入包裹。`,
      '商品、配件、赠品请一并寄回，尽量使用原包装。',
      '寄出后请在退货页面填写快递单号，便于我们及时收货退款。',
    ],
    footer: '仓库收货时扫描二维码即可找到您的退货单',
  };
}
