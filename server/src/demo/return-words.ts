/**
 * The words of the demo's returns: what customers write when they ask, what customer
 * service answers, carriers and their tracking-number formats, and payment references.
 */
import type { DemoProduct } from './catalog.ts';
import type { Random } from './random.ts';
import type { ReasonCode } from './return-scenarios.ts';

// What goes wrong with each article (matched by SKU prefix).
const defects: readonly (readonly [prefix: string, notes: readonly string[]])[] = [
  ['TS-', ['洗了一次就起球，领口也变形了', '衣服上有个小破洞']],
  ['DJ-', ['羽绒从缝线处往外钻毛', '拉链拉不上，拉头坏了']],
  ['JN-', ['裤腿有一处跳线', '洗后严重掉色，染到了别的衣服']],
  ['SH-RUN', ['穿了三天鞋底就开胶了', '鞋垫下面有硬物，硌脚']],
  ['SH-CHL', ['鞋面皮子有裂纹', '两只鞋颜色深浅不一样']],
  ['EB-', ['左耳没有声音，重新配对也不行', '开启降噪后有电流声']],
  ['CH-', ['充电时发烫，偶尔充不进电', '插头松动，接触不良']],
  ['CB-', ['用了一周接口就松了，充电断断续续']],
  ['PB-', ['充满电后用不了多久就没电了', '充电时外壳发烫']],
  ['PC-', ['手机壳几天就发黄，边缘开裂']],
  ['KB-', ['部分按键失灵，按了没反应', '有几个键会连击']],
  ['BD-', ['洗了一次就严重缩水', '被套有一处开线']],
  ['PL-', ['枕芯有很重的异味，晾了几天也散不掉']],
  ['CP-', ['保温效果很差，热水两小时就凉了', '杯盖漏水']],
  ['TW-', ['收到的餐具有两个碗有裂纹']],
  ['MK-', ['敷完脸上过敏泛红']],
  ['CL-', ['用后皮肤刺痛泛红', '泵头按不出来']],
  ['SS-', ['用后脸上起了疹子', '瓶身漏液']],
  ['LP-', ['膏体断了', '颜色和色号不符，像是旧批次']],
  ['TB-', ['充不进电，指示灯不亮', '震动时有异响']],
  ['NT-', ['坚果有哈喇味，像是受潮了']],
  ['CF-', ['包装漏气，咖啡豆不新鲜']],
  ['TEA-', ['茶叶有霉味，受潮结块']],
  ['BB-STR', ['折叠卡扣卡死，打不开', '后轮刹车失灵']],
  ['BB-DPR', ['侧漏严重，怀疑是质量问题']],
  ['BB-SPN', ['勺子边缘有毛刺，容易划到宝宝']],
  ['BB-CUP', ['吸管漏水，拧紧了也漏']],
  ['SP-', ['有很刺鼻的气味，表面还有裂口']],
];

const mismatchByCategory: Record<string, readonly string[]> = {
  食品: ['分量比页面写的少', '口味和描述的不一样'],
  数码配件: ['功能和宣传的不一样', '参数和详情页写的不符'],
};

const notesByReason: Record<ReasonCode, readonly string[]> = {
  no_reason: ['不太喜欢，七天无理由退货', '买重了，多拍了一件', '实物颜色和想象的不一样', '家里人已经买了同款', '收到后觉得用不上，未拆封'],
  quality: ['商品有质量问题，用了没几天就坏了'],
  wrong_item: ['下单的是黑色，收到的是白色', '收到的商品和订单不一致', '发错了型号，和下单的不是同一款'],
  damaged_in_transit: ['外箱压扁了，商品外壳有裂痕', '快递包装破损，商品有划伤', '收到时包装已经破了，里面的东西摔坏了'],
  not_as_described: ['颜色和详情页图片差别很大', '材质和描述不符', '尺寸比页面标注的小很多'],
};

const sizeNotes = ['尺码偏小，穿着有点紧', '尺码偏大，不合身', '上身效果不好，版型不适合'];

const refundOnlyNotes: Partial<Record<ReasonCode, readonly string[]>> = {
  quality: ['商品有明显瑕疵，和客服商量后不用寄回，申请仅退款', '收到就是坏的，客服说不用寄回，直接退款'],
  wrong_item: ['少发了一件，申请退这一件的钱'],
  damaged_in_transit: ['快递显示已签收但本人没收到，快递公司确认丢件'],
};

/** What the customer writes on a return line. */
export function customerNote(random: Random, o: { reason: ReasonCode; product: DemoProduct; refundOnly: boolean; exchangeTo: DemoProduct | null }): string {
  if (o.refundOnly) return random.pick(refundOnlyNotes[o.reason] ?? notesByReason[o.reason]);
  if (o.exchangeTo && o.reason === 'no_reason') {
    const wears = o.product.category === '服装' || o.product.category === '鞋靴';
    return `${wears ? '尺码不合适' : '颜色不太喜欢'}，想换成${o.exchangeTo.variantLabel ?? '别的款式'}`;
  }
  const defect = () => random.pick(defects.find(([prefix]) => o.product.sku.startsWith(prefix))?.[1] ?? notesByReason.quality);
  if (o.exchangeTo) return `${defect()}，想换一个新的`;
  if (o.reason === 'quality') return defect();
  if (o.reason === 'not_as_described') return random.pick(mismatchByCategory[o.product.category] ?? notesByReason.not_as_described);
  if (o.reason === 'no_reason' && (o.product.category === '服装' || o.product.category === '鞋靴') && random.chance(0.6)) return random.pick(sizeNotes);
  return random.pick(notesByReason[o.reason]);
}

/** Customer service's note when approving. */
export function approvalNote(reason: ReasonCode, refundOnly: boolean): string {
  if (refundOnly) return '已核实，同意仅退款，商品无需寄回';
  if (reason === 'no_reason') return '符合七天无理由退货，请按退货地址寄回，运费由顾客承担';
  return '已核对照片，确认是我们的问题，寄回运费由店铺承担';
}

export const rejectReasons = {
  changedMind: '商品吊牌已剪且有穿着痕迹，影响二次销售，不符合七天无理由退货条件',
  misuse: '照片显示为使用不当造成的损坏，不属于质量问题，可联系品牌售后维修',
  noPhoto: '未提供商品问题照片，多次联系未回复，请补充照片后重新申请',
  refundOnly: '物流记录显示本人签收且包裹完好，仅退款申请不予通过，如有问题可申请退货退款',
} as const;

/** Why customer service rejects a request. */
export function rejectReason(reason: ReasonCode, refundOnly: boolean, turn: number): string {
  if (refundOnly) return rejectReasons.refundOnly;
  if (reason === 'no_reason') return rejectReasons.changedMind;
  return turn % 2 === 0 ? rejectReasons.misuse : rejectReasons.noPhoto;
}

export const cancelReasons = ['问题已经解决，不退了', '找到了缺的配件，不需要退了', '重新考虑后决定留下', '客服给了使用建议，已经可以正常用了'];

export type Parcel = { carrier: string; trackingNumber: string };

/** A parcel with a carrier's real-looking tracking number. */
export function parcel(random: Random): Parcel {
  return random.weighted<() => Parcel>([
    [() => ({ carrier: '顺丰速运', trackingNumber: `SF${random.int(1, 9)}${random.digits(12)}` }), 4],
    [() => ({ carrier: '中通快递', trackingNumber: `7${random.int(3, 8)}${random.digits(10)}` }), 3],
    [() => ({ carrier: '京东物流', trackingNumber: `JDVA${random.digits(11)}` }), 2],
    [() => ({ carrier: '圆通速递', trackingNumber: `YT${random.digits(13)}` }), 1],
  ])();
}

/** Finance's reference for money sent back to the original payment (the refund's transaction number). */
export function paymentReference(random: Random, method: string, date: string): string {
  switch (method) {
    case 'alipay':
      return `${date}22001${random.digits(15)}`;
    case 'wechatpay':
      return `503010${random.digits(23)}`;
    default:
      return `UP${date}${random.digits(12)}`;
  }
}
