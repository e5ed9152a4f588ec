/**
 * Where an inspection disposition sends units, per warehouse. Restock and damaged go to a
 * location of the warehouse (by default MAIN and DAMAGED of the default warehouse, or the
 * first sellable / damaged location of another); vendor leaves stock unless a holding
 * location is configured; scrap and reject always leave stock.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalidField } from '../../lib/app-error.ts';
import type { Location } from '../inventory/locations.repository.ts';
import type { MovementType } from '../inventory/stock.repository.ts';
import { defaultWarehouseId, findLocationById, findLocationsByCodes, findWarehouseLocations } from './warehouses.repository.ts';
import type { DispositionMappingBody, DispositionMappingView, MappableDisposition } from './warehouses.schema.ts';

export type Disposition = 'restock' | 'damaged' | 'scrap' | 'vendor' | 'reject';

export const dispositions: readonly Disposition[] = ['restock', 'damaged', 'scrap', 'vendor', 'reject'];

export type DispositionTarget = { to: Location | null; type: MovementType; source: 'configured' | 'default' };

/** The kinds of location a disposition may be mapped to. */
const allowedKinds: Record<MappableDisposition, readonly string[]> = {
  restock: ['sellable'],
  damaged: ['damaged', 'quarantine'],
  vendor: ['damaged', 'quarantine'],
};

const defaultCodes: Partial<Record<Disposition, { code: string; kind: string }>> = {
  restock: { code: 'MAIN', kind: 'sellable' },
  damaged: { code: 'DAMAGED', kind: 'damaged' },
};

const outOfStock: Record<Disposition, MovementType> = {
  restock: 'inspection_restock',
  damaged: 'inspection_damaged',
  scrap: 'scrap',
  vendor: 'return_to_vendor',
  reject: 'refused_return',
};

function isMappable(d: Disposition): d is MappableDisposition {
  return d === 'restock' || d === 'damaged' || d === 'vendor';
}

/**
 * Where units of a disposition go from the returns zone of a warehouse, and the movement
 * type to post: the inspect workflow asks this instead of a fixed table.
 */
export async function dispositionTarget(db: Db, warehouseId: string, disposition: Disposition): Promise<DispositionTarget> {
  if (isMappable(disposition)) {
    const mapped = await db
      .selectFrom('dispositionLocations')
      .select('locationId')
      .where('warehouseId', '=', warehouseId)
      .where('disposition', '=', disposition)
      .executeTakeFirst();
    if (mapped) {
      const to = await findLocationById(db, mapped.locationId);
      if (!to) throw new Error(`mapped location ${mapped.locationId} is missing`);
      // Units held for the vendor stay in stock until a vendor return takes them out.
      return { to, type: disposition === 'vendor' ? 'inspection_damaged' : outOfStock[disposition], source: 'configured' };
    }
  }
  const fallback = defaultCodes[disposition];
  if (!fallback) return { to: null, type: outOfStock[disposition], source: 'default' };
  if (warehouseId === (await defaultWarehouseId(db))) {
    const to = (await findLocationsByCodes(db, [fallback.code])).get(fallback.code);
    if (!to) throw new Error(`location ${fallback.code} is missing`);
    return { to, type: outOfStock[disposition], source: 'default' };
  }
  const to = (await findWarehouseLocations(db, warehouseId)).find((l) => l.kind === fallback.kind);
  if (!to) throw new AppError('conflict', `The warehouse has no ${fallback.kind} location for ${disposition}; add one or map the disposition`);
  return { to, type: outOfStock[disposition], source: 'default' };
}

/** Every disposition of a warehouse with its target, as the API shows it. */
export async function listDispositionTargets(db: Db, warehouseId: string): Promise<DispositionMappingView[]> {
  const views: DispositionMappingView[] = [];
  for (const disposition of dispositions) {
    let target: DispositionTarget | null = null;
    try {
      target = await dispositionTarget(db, warehouseId, disposition);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    views.push({
      disposition,
      location: target?.to?.code ?? null,
      movementType: target?.type ?? outOfStock[disposition],
      source: target?.source ?? 'default',
    });
  }
  return views;
}

/** Maps dispositions of a warehouse to its locations (null: back to the default); 400 for a wrong location. */
export async function setDispositionTargets(db: Db, warehouseId: string, body: DispositionMappingBody, actor: Actor, now: Date): Promise<void> {
  const codes = body.mappings.flatMap((m) => (m.location ? [m.location] : []));
  const locations = await findLocationsByCodes(db, codes);
  for (const [i, m] of body.mappings.entries()) {
    if (!m.location) continue;
    const location = locations.get(m.location);
    if (!location || location.warehouseId !== warehouseId) throw invalidField(`mappings.${i}.location`, `The warehouse has no location ${m.location}`);
    if (!allowedKinds[m.disposition].includes(location.kind)) {
      throw invalidField(
        `mappings.${i}.location`,
        `${m.disposition} needs a location of kind ${allowedKinds[m.disposition].join(' or ')}; ${m.location} is ${location.kind}`,
      );
    }
  }
  for (const m of body.mappings) {
    await db.deleteFrom('dispositionLocations').where('warehouseId', '=', warehouseId).where('disposition', '=', m.disposition).execute();
    const location = m.location ? locations.get(m.location) : undefined;
    if (location) {
      await db
        .insertInto('dispositionLocations')
        .values({ warehouseId, disposition: m.disposition, locationId: location.id, updatedById: actor.id, updatedAt: now.toISOString() })
        .execute();
    }
  }
}
