/** Products: SKU, category, price, whether returnable; variants share a group code. */
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';

export type Product = {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable: boolean;
  barcode: string | null;
  supplierId: string | null;
  groupCode: string | null;
  variantLabel: string | null;
  createdAt: string;
};

const columns = ['id', 'sku', 'name', 'category', 'price', 'returnable', 'barcode', 'supplierId', 'groupCode', 'variantLabel', 'createdAt'] as const;

type ProductRow = Omit<Product, 'returnable'> & { returnable: number };

function toProduct(row: ProductRow): Product {
  return { ...row, price: Number(row.price), returnable: row.returnable === 1 };
}

export type CreateProductOptions = {
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable?: boolean;
  barcode?: string | null;
  supplierId?: string | null;
  groupCode?: string | null;
  variantLabel?: string | null;
  now: Date;
};

/** Creates a product; a taken SKU answers 409 conflict. */
export async function createProduct(db: Db, options: CreateProductOptions): Promise<Product> {
  const existing = await db.selectFrom('products').select('id').where('sku', '=', options.sku).executeTakeFirst();
  if (existing) throw new AppError('conflict', `SKU ${options.sku} already exists`, { sku: options.sku });
  const row = {
    id: newId('prd'),
    sku: options.sku,
    name: options.name,
    category: options.category,
    price: options.price,
    returnable: options.returnable === false ? 0 : 1,
    barcode: options.barcode ?? null,
    supplierId: options.supplierId ?? null,
    groupCode: options.groupCode ?? null,
    variantLabel: options.variantLabel ?? null,
    tracking: 'none',
    createdAt: options.now.toISOString(),
  };
  await db.insertInto('products').values(row).execute();
  return toProduct(row);
}

/** Creates many products at once (imports); SKUs must be new (the unique index refuses a taken one). */
export async function insertProducts(db: Db, products: readonly Omit<CreateProductOptions, 'now'>[], now: Date): Promise<void> {
  for (let i = 0; i < products.length; i += 500) {
    await db
      .insertInto('products')
      .values(
        products.slice(i, i + 500).map((o) => ({
          id: newId('prd'),
          sku: o.sku,
          name: o.name,
          category: o.category,
          price: o.price,
          returnable: o.returnable === false ? 0 : 1,
          barcode: o.barcode ?? null,
          supplierId: o.supplierId ?? null,
          groupCode: o.groupCode ?? null,
          variantLabel: o.variantLabel ?? null,
          tracking: 'none',
          createdAt: now.toISOString(),
        })),
      )
      .execute();
  }
}

/** A product by id. */
export async function findProductById(db: Db, id: string): Promise<Product | undefined> {
  const row = await db.selectFrom('products').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toProduct(row) : undefined;
}

/** Products by SKU, for resolving order lines. */
export async function findProductsBySkus(db: Db, skus: readonly string[]): Promise<Map<string, Product>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(columns)
    .where('sku', 'in', [...new Set(skus)])
    .execute();
  return new Map(rows.map((r) => [r.sku, toProduct(r)]));
}

export type ProductFilter = { q?: string; category?: string; cursor?: string; limit: number };

/** Products by SKU with cursor paging (cursor = last SKU). */
export async function listProducts(db: Db, filter: ProductFilter): Promise<Product[]> {
  let query = db.selectFrom('products').select(columns).orderBy('sku').limit(filter.limit);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) => eb.or([eb('sku', 'like', like), eb('name', 'like', like), eb('barcode', '=', filter.q ?? '')]));
  }
  if (filter.cursor) query = query.where('sku', '>', filter.cursor);
  return (await query.execute()).map(toProduct);
}
