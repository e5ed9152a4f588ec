/**
 * The shape of the generated shop: catalogue, customers, channels, seasons (双十一, 618,
 * 双十二, the Spring Festival lull), return propensities by category and channel, serial
 * returners, and products with a quality problem from a date on. Deterministic for a seed.
 */

/** A small, fast, seeded random source (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    /** An exponential wait with the given mean. */
    expo: (mean: number) => -Math.log(1 - next()) * mean,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r <= 0) return item;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
  };
}
export type Random = ReturnType<typeof random>;

export type Category = { name: string; minPrice: number; maxPrice: number; returnRate: number; reasons: readonly (readonly [string, number])[] };

const apparelReasons = [
  ['no_reason', 55],
  ['not_as_described', 20],
  ['quality', 15],
  ['wrong_item', 5],
  ['damaged_in_transit', 5],
] as const;
const goodsReasons = [
  ['no_reason', 40],
  ['quality', 30],
  ['damaged_in_transit', 15],
  ['wrong_item', 8],
  ['not_as_described', 7],
] as const;

export const categories: Category[] = [
  { name: '女装', minPrice: 5900, maxPrice: 59_900, returnRate: 0.16, reasons: apparelReasons },
  { name: '男装', minPrice: 4900, maxPrice: 49_900, returnRate: 0.12, reasons: apparelReasons },
  { name: '童装', minPrice: 3900, maxPrice: 25_900, returnRate: 0.1, reasons: apparelReasons },
  { name: '鞋靴', minPrice: 9900, maxPrice: 89_900, returnRate: 0.14, reasons: apparelReasons },
  { name: '箱包', minPrice: 7900, maxPrice: 129_900, returnRate: 0.07, reasons: goodsReasons },
  { name: '内衣', minPrice: 2900, maxPrice: 19_900, returnRate: 0.05, reasons: apparelReasons },
  { name: '运动户外', minPrice: 6900, maxPrice: 99_900, returnRate: 0.09, reasons: goodsReasons },
  { name: '手机配件', minPrice: 1900, maxPrice: 29_900, returnRate: 0.06, reasons: goodsReasons },
  { name: '数码', minPrice: 19_900, maxPrice: 599_900, returnRate: 0.05, reasons: goodsReasons },
  { name: '小家电', minPrice: 9900, maxPrice: 199_900, returnRate: 0.06, reasons: goodsReasons },
  { name: '家居', minPrice: 2900, maxPrice: 59_900, returnRate: 0.05, reasons: goodsReasons },
  { name: '厨具', minPrice: 3900, maxPrice: 49_900, returnRate: 0.04, reasons: goodsReasons },
  { name: '美妆', minPrice: 4900, maxPrice: 69_900, returnRate: 0.03, reasons: goodsReasons },
  { name: '母婴', minPrice: 2900, maxPrice: 39_900, returnRate: 0.04, reasons: goodsReasons },
  { name: '食品', minPrice: 1900, maxPrice: 19_900, returnRate: 0.02, reasons: goodsReasons },
  { name: '图书', minPrice: 1900, maxPrice: 12_900, returnRate: 0.02, reasons: goodsReasons },
];

export const channels = [
  ['tmall', 34],
  ['jd', 24],
  ['douyin', 20],
  ['pdd', 12],
  ['wechat', 10],
] as const;
/** Live-stream shoppers return more; 拼多多 buyers less. */
export const channelReturnFactor: Record<string, number> = { tmall: 1, jd: 0.9, douyin: 1.45, pdd: 0.8, wechat: 0.85 };

const adjectives = ['经典', '轻薄', '加厚', '修身', '宽松', '复古', '简约', '户外', '便携', '智能', '高弹', '纯棉', '真皮', '防水', '升级款'];
const nouns: Record<string, string[]> = {
  女装: ['连衣裙', '针织衫', '风衣', '牛仔裤', '半身裙', '羽绒服'],
  男装: ['衬衫', '卫衣', '夹克', '休闲裤', 'T恤', '羽绒服'],
  童装: ['套装', '外套', '睡衣', '运动裤'],
  鞋靴: ['运动鞋', '板鞋', '短靴', '凉鞋', '皮鞋'],
  箱包: ['双肩包', '行李箱', '托特包', '钱包'],
  内衣: ['文胸', '睡衣', '袜子', '保暖内衣'],
  运动户外: ['冲锋衣', '瑜伽垫', '登山杖', '帐篷'],
  手机配件: ['充电器', '数据线', '手机壳', '充电宝'],
  数码: ['蓝牙耳机', '智能手表', '平板电脑', '键盘'],
  小家电: ['电饭煲', '吹风机', '空气炸锅', '电动牙刷'],
  家居: ['四件套', '枕头', '收纳箱', '地毯'],
  厨具: ['炒锅', '刀具套装', '保温杯', '餐具'],
  美妆: ['面霜', '口红', '精华液', '防晒霜'],
  母婴: ['纸尿裤', '奶瓶', '婴儿推车', '辅食机'],
  食品: ['坚果礼盒', '茶叶', '咖啡豆', '零食大礼包'],
  图书: ['小说', '童书', '工具书', '绘本'],
};

/** A product name in its category. */
export function productName(r: Random, category: string): string {
  return `${r.pick(adjectives)}${r.pick(nouns[category] ?? ['商品'])}`;
}

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

/** A Chinese name. */
export function personName(r: Random): string {
  const one = given[r.int(0, given.length - 1)] ?? '明';
  return `${surnames[r.int(0, surnames.length - 1)]}${one}${r.chance(0.6) ? (given[r.int(0, given.length - 1)] ?? '') : ''}`;
}

/** How busy a day is (Shanghai calendar date), 1 on an ordinary weekday. */
export function dayWeight(day: string, yearsBack: number): number {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  let w = weekday === 0 || weekday === 6 ? 1.15 : 1;
  if (m === 11 && d === 11) w *= 9;
  else if (m === 11 && d >= 1 && d <= 10) w *= 2.2;
  else if (m === 10 && d >= 20) w *= 1.5;
  else if (m === 11 && d <= 15) w *= 1.6;
  if (m === 6 && d === 18) w *= 5;
  else if (m === 6 && d >= 1 && d <= 17) w *= 1.6;
  if (m === 12 && d === 12) w *= 3;
  // The Spring Festival lull: couriers stop.
  if ((m === 1 && d >= 25) || (m === 2 && d <= 12)) w *= 0.55;
  // The shop grows about a quarter a year.
  return w * 0.8 ** yearsBack;
}

/** Promotion days: orders bought on impulse come back more often. */
export function isPromotion(day: string): boolean {
  const md = day.slice(5);
  return (md >= '11-01' && md <= '11-11') || (md >= '06-01' && md <= '06-18') || md === '12-12';
}
