/**
 * What waits in the returns-kind locations, oldest first. Units received for a return and
 * not yet inspected are tied to it (the oldest uninspected receipt gives "since", first in
 * first out); units of parcels held at the dock to their parcel; whatever the level holds
 * beyond that (adjustments, transfers, count corrections) shows as "other", so the view
 * always adds up to the level.
 */
import type { Db } from '../../db/connect.ts';
import { getCurrentProcess } from '../process/process.repository.ts';
import type { ReturnsZoneEntry, ReturnsZoneView } from './returns-zone.schema.ts';

export type ReturnsZoneOptions = { warehouseId?: string; location?: string; now: Date };

type Zone = { id: string; code: string; warehouseCode: string };

/** Every entry of the returns zone and the totals, unpaged. */
export async function readReturnsZone(db: Db, o: ReturnsZoneOptions): Promise<{ entries: ReturnsZoneEntry[]; summary: ReturnsZoneView['summary'] }> {
  let zoneQuery = db
    .selectFrom('locations as l')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouseId')
    .select(['l.id', 'l.code', 'w.code as warehouseCode'])
    .where('l.kind', '=', 'returns')
    .orderBy('l.code');
  if (o.warehouseId) zoneQuery = zoneQuery.where('l.warehouseId', '=', o.warehouseId);
  if (o.location) zoneQuery = zoneQuery.where('l.code', '=', o.location);
  const zones: Zone[] = await zoneQuery.execute();
  const process = await getCurrentProcess(db);
  const inspection = process.stages.find((s) => s.code === 'inspection' && s.enabled);
  const limitHours = inspection?.timeLimitHours ?? null;
  if (zones.length === 0) return { entries: [], summary: { units: 0, overdueUnits: 0, inspectionLimitHours: limitHours, locations: [] } };
  const zoneIds = zones.map((z) => z.id);
  const zoneById = new Map(zones.map((z) => [z.id, z]));

  const [levels, receipts, waitingLines, parcelLines] = await Promise.all([
    db
      .selectFrom('stockLevels as s')
      .innerJoin('products as p', 'p.id', 's.productId')
      .select(['s.productId', 's.locationId', 's.onHand', 'p.sku', 'p.name'])
      .where('s.locationId', 'in', zoneIds)
      .where('s.onHand', '!=', 0)
      .execute(),
    // Units that came into the zone for a return (receipts and parcels matched to it).
    db
      .selectFrom('stockMovements as m')
      .select(['m.sourceId', 'm.productId', 'm.toLocationId', 'm.quantity', 'm.createdAt', 'm.id'])
      .where('m.sourceType', '=', 'return')
      .where('m.toLocationId', 'in', zoneIds)
      .where('m.type', 'in', ['return_receipt', 'parcel_match'])
      .where('m.sourceId', 'in', db.selectFrom('returnLines').select('returnId').whereRef('receivedQuantity', '>', 'inspectedQuantity'))
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('returnLines as rl')
      .innerJoin('returns as r', 'r.id', 'rl.returnId')
      .select(['rl.returnId', 'rl.productId', 'rl.receivedQuantity', 'rl.inspectedQuantity', 'r.number', 'r.status'])
      .whereRef('rl.receivedQuantity', '>', 'rl.inspectedQuantity')
      .execute(),
    db
      .selectFrom('dockParcelLines as pl')
      .innerJoin('dockParcels as p', 'p.id', 'pl.parcelId')
      .innerJoin('products as pr', 'pr.id', 'pl.productId')
      .select([
        'p.id',
        'p.number',
        'p.status',
        'p.locationId',
        'p.createdAt',
        'pl.productId',
        'pr.sku',
        'pr.name',
        'pl.quantity',
        'pl.matchedQuantity',
        'pl.releasedQuantity',
      ])
      .where('p.locationId', 'in', zoneIds)
      .execute(),
  ]);
  const names = new Map<string, { sku: string; name: string }>(levels.map((l) => [l.productId, { sku: l.sku, name: l.name }]));
  for (const p of parcelLines) names.set(p.productId, { sku: p.sku, name: p.name });
  const missing = [...new Set(waitingLines.map((w) => w.productId))].filter((id) => !names.has(id));
  if (missing.length > 0) {
    for (const p of await db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', missing).execute())
      names.set(p.id, { sku: p.sku, name: p.name });
  }

  const attributed = new Map<string, number>();
  const attribute = (locationId: string, productId: string, quantity: number) =>
    attributed.set(`${locationId}|${productId}`, (attributed.get(`${locationId}|${productId}`) ?? 0) + quantity);
  const entries: ReturnsZoneEntry[] = [];
  const age = (since: string | null) => (since ? Math.max(0, (o.now.getTime() - Date.parse(since)) / 3_600_000) : null);
  const entry = (zone: Zone, productId: string, quantity: number, since: string | null, source: ReturnsZoneEntry['source']): ReturnsZoneEntry => {
    const hours = age(since);
    return {
      location: zone.code,
      warehouseCode: zone.warehouseCode,
      sku: names.get(productId)?.sku ?? productId,
      productName: names.get(productId)?.name ?? '',
      quantity,
      since,
      ageHours: hours === null ? null : Math.round(hours * 10) / 10,
      overdue: hours !== null && limitHours !== null && hours > limitHours,
      source,
    };
  };

  // Per return and product: units waiting = received − inspected; the oldest receipts are inspected first.
  const waiting = new Map<string, { returnId: string; productId: string; waiting: number; inspected: number; number: string; status: string }>();
  for (const w of waitingLines) {
    const key = `${w.returnId}|${w.productId}`;
    const current = waiting.get(key) ?? { returnId: w.returnId, productId: w.productId, waiting: 0, inspected: 0, number: w.number, status: w.status };
    current.waiting += Number(w.receivedQuantity) - Number(w.inspectedQuantity);
    current.inspected += Number(w.inspectedQuantity);
    waiting.set(key, current);
  }
  for (const w of waiting.values()) {
    let toSkip = w.inspected;
    let left = w.waiting;
    const byZone = new Map<string, { quantity: number; since: string }>();
    for (const r of receipts) {
      if (r.sourceId !== w.returnId || r.productId !== w.productId || !r.toLocationId || left <= 0) continue;
      let quantity = Number(r.quantity);
      const skipped = Math.min(quantity, toSkip);
      toSkip -= skipped;
      quantity -= skipped;
      if (quantity <= 0) continue;
      const taken = Math.min(quantity, left);
      left -= taken;
      const at = byZone.get(r.toLocationId);
      byZone.set(r.toLocationId, { quantity: (at?.quantity ?? 0) + taken, since: at?.since ?? r.createdAt });
    }
    for (const [locationId, { quantity, since }] of byZone) {
      const zone = zoneById.get(locationId);
      if (!zone) continue;
      attribute(locationId, w.productId, quantity);
      entries.push(entry(zone, w.productId, quantity, since, { type: 'return', id: w.returnId, number: w.number, status: w.status }));
    }
  }

  for (const p of parcelLines) {
    const quantity = Number(p.quantity) - Number(p.matchedQuantity) - Number(p.releasedQuantity);
    const zone = zoneById.get(p.locationId);
    if (quantity <= 0 || !zone) continue;
    attribute(p.locationId, p.productId, quantity);
    entries.push(entry(zone, p.productId, quantity, p.createdAt, { type: 'parcel', id: p.id, number: p.number, status: p.status }));
  }

  // What the level holds beyond the returns and parcels, or — when a count or an adjustment
  // found fewer units than they account for — a negative "other" line for the shortfall, even
  // when nothing is left (a level at 0 is not among `levels`): the entries always sum to the levels.
  const onHandByZone = new Map<string, number>();
  const onHand = new Map<string, number>();
  for (const l of levels) {
    onHandByZone.set(l.locationId, (onHandByZone.get(l.locationId) ?? 0) + Number(l.onHand));
    onHand.set(`${l.locationId}|${l.productId}`, Number(l.onHand));
  }
  for (const key of new Set([...onHand.keys(), ...attributed.keys()])) {
    const [locationId = '', productId = ''] = key.split('|');
    const rest = (onHand.get(key) ?? 0) - (attributed.get(key) ?? 0);
    const zone = zoneById.get(locationId);
    if (rest !== 0 && zone) entries.push(entry(zone, productId, rest, null, { type: 'other', id: null, number: null, status: null }));
  }
  entries.sort((a, b) => {
    if (a.since !== b.since) return a.since === null ? 1 : b.since === null ? -1 : a.since < b.since ? -1 : 1;
    return a.location === b.location ? (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) : a.location < b.location ? -1 : 1;
  });
  const units = entries.reduce((s, e) => s + e.quantity, 0);
  const overdueUnits = entries.filter((e) => e.overdue).reduce((s, e) => s + e.quantity, 0);
  return {
    entries,
    summary: {
      units,
      overdueUnits,
      inspectionLimitHours: limitHours,
      locations: zones.map((z) => ({ code: z.code, warehouseCode: z.warehouseCode, onHand: onHandByZone.get(z.id) ?? 0 })),
    },
  };
}
