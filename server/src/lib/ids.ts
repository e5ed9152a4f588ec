/** Opaque, time-ordered identifiers: `<prefix>_<12 hex ms><12 hex random>`. */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;
// Random bytes drawn 4 KiB at a time: one call into the crypto module per 1024 ids.
let pool = randomBytes(4096);
let offset = 0;

function randomHex4(): string {
  if (offset + 4 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + 4);
  offset += 4;
  return hex;
}

/** A new id that sorts after every id made before it in this process. */
export function newId(prefix: string): string {
  const ms = Date.now();
  if (ms === lastMs) counter += 1;
  else {
    lastMs = ms;
    counter = 0;
  }
  // ms (12 hex) + in-ms counter (4 hex) + random (8 hex): ordered within a process,
  // unique across processes with overwhelming probability.
  const time = ms.toString(16).padStart(12, '0');
  const seq = (counter & 0xffff).toString(16).padStart(4, '0');
  return `${prefix}_${time}${seq}${randomHex4()}`;
}
