/**
 * The demo shop's catalogue: a Chinese online shop selling clothes, shoes, phone
 * accessories, home goods, cosmetics, food and baby goods. Prices are in fen. Sizes and
 * colours of one article share a group code (for exchanges); fresh food (生鲜食品) and
 * made-to-order goods (定制商品) fall under the policy's non-returnable categories, and
 * underwear is marked non-returnable on the product itself.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../lib/actor.ts';
import { createProduct } from '../modules/catalog/products.repository.ts';
import { adjustStock } from '../workflows/adjust-stock.ts';

export type DemoProduct = {
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable?: boolean;
  groupCode?: string;
  variantLabel?: string;
  /** How often the article sells, relative to the others. */
  popularity: number;
  /** Most units of it in one order line. */
  maxQuantity: number;
};

function variants(
  base: Omit<DemoProduct, 'sku' | 'name' | 'groupCode' | 'variantLabel'> & { name: string; groupCode: string },
  list: readonly (readonly [sku: string, label: string])[],
): DemoProduct[] {
  return list.map(([sku, label]) => ({ ...base, sku, name: `${base.name} ${label}`, variantLabel: label }));
}

export const demoProducts: DemoProduct[] = [
  // 服装
  ...variants({ name: '纯棉圆领T恤', groupCode: 'TS-CREW', category: '服装', price: 7_900, popularity: 1.5, maxQuantity: 3 }, [
    ['TS-BLK-S', '黑色 S'],
    ['TS-BLK-M', '黑色 M'],
    ['TS-BLK-L', '黑色 L'],
    ['TS-BLK-XL', '黑色 XL'],
    ['TS-WHT-M', '白色 M'],
    ['TS-WHT-L', '白色 L'],
  ]),
  ...variants({ name: '轻薄羽绒服', groupCode: 'DJ-LITE', category: '服装', price: 59_900, popularity: 1.5, maxQuantity: 1 }, [
    ['DJ-NVY-M', '藏青 M'],
    ['DJ-NVY-L', '藏青 L'],
    ['DJ-NVY-XL', '藏青 XL'],
  ]),
  ...variants({ name: '高腰直筒牛仔裤', groupCode: 'JN-HIGH', category: '服装', price: 19_900, popularity: 1, maxQuantity: 2 }, [
    ['JN-BLU-27', '浅蓝 27'],
    ['JN-BLU-28', '浅蓝 28'],
    ['JN-BLU-29', '浅蓝 29'],
  ]),
  { sku: 'UW-MOD-L', name: '男士莫代尔内裤三条装 L', category: '服装', price: 8_900, returnable: false, popularity: 3, maxQuantity: 3 },
  // 鞋靴
  ...variants({ name: '轻跑透气运动鞋', groupCode: 'SH-RUN', category: '鞋靴', price: 39_900, popularity: 1.5, maxQuantity: 1 }, [
    ['SH-RUN-40', '40码'],
    ['SH-RUN-41', '41码'],
    ['SH-RUN-42', '42码'],
    ['SH-RUN-43', '43码'],
  ]),
  ...variants({ name: '真皮切尔西靴', groupCode: 'SH-CHL', category: '鞋靴', price: 69_900, popularity: 1, maxQuantity: 1 }, [
    ['SH-CHL-37', '37码'],
    ['SH-CHL-38', '38码'],
  ]),
  // 数码配件
  { sku: 'EB-ANC-WHT', name: '主动降噪蓝牙耳机 白色', category: '数码配件', price: 109_900, popularity: 3, maxQuantity: 1 },
  { sku: 'CH-GAN-65W', name: '65W氮化镓快充充电器', category: '数码配件', price: 14_900, popularity: 5, maxQuantity: 2 },
  { sku: 'CB-USBC-1M', name: 'USB-C编织快充数据线 1米', category: '数码配件', price: 3_900, popularity: 6, maxQuantity: 3 },
  { sku: 'PB-20K-BLK', name: '20000mAh移动电源 黑色', category: '数码配件', price: 19_900, popularity: 4, maxQuantity: 1 },
  { sku: 'PC-IP15-CLR', name: 'iPhone 15 透明防摔手机壳', category: '数码配件', price: 4_900, popularity: 5, maxQuantity: 2 },
  { sku: 'KB-MEC-87', name: '87键机械键盘 茶轴', category: '数码配件', price: 45_900, popularity: 2, maxQuantity: 1 },
  // 家居
  { sku: 'BD-COT-180', name: '全棉四件套 1.8米床', category: '家居', price: 45_900, popularity: 3, maxQuantity: 1 },
  { sku: 'PL-MEM-STD', name: '慢回弹记忆棉枕头', category: '家居', price: 19_900, popularity: 3, maxQuantity: 2 },
  { sku: 'CP-SS-500', name: '316不锈钢保温杯 500ml', category: '家居', price: 12_900, popularity: 4, maxQuantity: 2 },
  { sku: 'TW-CER-16', name: '北欧陶瓷餐具16件套', category: '家居', price: 29_900, popularity: 2, maxQuantity: 1 },
  { sku: 'MG-CUS-001', name: '定制刻字马克杯', category: '定制商品', price: 6_900, popularity: 1, maxQuantity: 2 },
  // 美妆
  { sku: 'MK-HA-10', name: '玻尿酸补水面膜 10片装', category: '美妆', price: 12_900, popularity: 5, maxQuantity: 3 },
  { sku: 'CL-AMI-120', name: '氨基酸洁面乳 120g', category: '美妆', price: 8_900, popularity: 4, maxQuantity: 2 },
  { sku: 'SS-SPF50-50', name: '清爽防晒乳 SPF50+ 50ml', category: '美妆', price: 16_900, popularity: 4, maxQuantity: 2 },
  ...variants({ name: '丝绒哑光口红', groupCode: 'LP-VLT', category: '美妆', price: 32_000, popularity: 1.5, maxQuantity: 2 }, [
    ['LP-VLT-999', '#999 正红'],
    ['LP-VLT-888', '#888 豆沙'],
  ]),
  { sku: 'TB-SON-PRO', name: '声波电动牙刷 Pro', category: '美妆', price: 59_900, popularity: 2, maxQuantity: 1 },
  // 食品
  { sku: 'NT-DLY-750', name: '每日坚果礼盒 750g', category: '食品', price: 15_900, popularity: 4, maxQuantity: 3 },
  { sku: 'CF-YN-500', name: '云南小粒咖啡豆 500g', category: '食品', price: 9_800, popularity: 3, maxQuantity: 2 },
  { sku: 'TEA-LJ-250', name: '明前西湖龙井 250g', category: '食品', price: 36_800, popularity: 2, maxQuantity: 2 },
  { sku: 'FR-ORG-5KG', name: '赣南脐橙 5kg装', category: '生鲜食品', price: 6_900, popularity: 3, maxQuantity: 2 },
  { sku: 'FR-CHR-25', name: '智利车厘子 JJ级 2.5kg', category: '生鲜食品', price: 23_900, popularity: 2, maxQuantity: 1 },
  // 母婴
  { sku: 'BB-STR-LT', name: '轻便可折叠婴儿推车', category: '母婴', price: 189_900, popularity: 1, maxQuantity: 1 },
  { sku: 'BB-DPR-L', name: '婴儿纸尿裤 L码 54片', category: '母婴', price: 14_900, popularity: 4, maxQuantity: 3 },
  { sku: 'BB-SPN-SET', name: '宝宝硅胶辅食餐具套装', category: '母婴', price: 8_900, popularity: 2, maxQuantity: 1 },
  { sku: 'BB-CUP-350', name: '儿童吸管保温杯 350ml', category: '母婴', price: 11_900, popularity: 3, maxQuantity: 1 },
  // 运动户外
  { sku: 'SP-YGA-6MM', name: 'TPE防滑瑜伽垫 6mm', category: '运动户外', price: 12_900, popularity: 2, maxQuantity: 1 },
];

/** Categories the default policy refuses (生鲜食品, 定制商品 …) are kept out of the returns the demo files. */
export function canBeReturned(product: DemoProduct, nonReturnableCategories: readonly string[]): boolean {
  return product.returnable !== false && !nonReturnableCategories.includes(product.category);
}

/** Another size or colour of the same article, for a size exchange; null when there is none. */
export function siblingVariant(product: DemoProduct): DemoProduct | null {
  if (!product.groupCode) return null;
  const group = demoProducts.filter((p) => p.groupCode === product.groupCode);
  const index = group.findIndex((p) => p.sku === product.sku);
  return group[index + 1] ?? group[index - 1] ?? null;
}

/** An EAN-13 barcode with the Chinese prefix 69 and a valid check digit. */
function barcode(index: number): string {
  const body = `6923456${String(10_000 + index * 7).padStart(5, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Writes the catalogue in one transaction. */
export async function createCatalog(db: Db, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [index, p] of demoProducts.entries()) {
      await createProduct(trx, {
        sku: p.sku,
        name: p.name,
        category: p.category,
        price: p.price,
        returnable: p.returnable !== false,
        barcode: barcode(index),
        groupCode: p.groupCode ?? null,
        variantLabel: p.variantLabel ?? null,
        now: at,
      });
    }
  });
}

/** Puts the opening stock into MAIN, one ledger adjustment per SKU (期初库存). */
export async function stockOpeningBalances(ctx: AppContext, quantities: ReadonlyMap<string, number>, actor: Actor): Promise<void> {
  for (const [sku, quantity] of quantities) {
    if (quantity > 0) await adjustStock(ctx, { sku, location: 'MAIN', quantity, reason: '期初库存（演示数据）', actor });
  }
}
