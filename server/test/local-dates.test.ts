/**
 * Local dates and minutes are worked out once per UTC quarter hour / minute and zone
 * (lib/local-date.ts): the kept answers must equal what Intl says for every instant,
 * in zones with half- and quarter-hour offsets and across daylight-saving changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../src/lib/local-date.ts';
import { formatDateTime } from '../src/modules/notifications/notice-catalog.ts';

const zones = [
  'Asia/Shanghai',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];

// The oracle is Intl by another road (the Swedish locale writes ISO-like dates), so it is
// not the code under test written twice.
function intlDate(instant: Date, timeZone: string): string {
  return instant.toLocaleDateString('sv-SE', { timeZone });
}

function intlMinute(instant: Date, timeZone: string): string {
  return instant.toLocaleString('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

describe('local dates and minutes kept per quarter hour', () => {
  it('answer what Intl answers for any instant in any zone, in any order of asking', () => {
    const instant = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 40 }), (asks) => {
        for (const [at, zone] of asks) {
          expect(localDate(at, zone)).toBe(intlDate(at, zone));
          expect(formatDateTime(at.toISOString(), zone)).toBe(intlMinute(at, zone));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turn the date at local midnight and across daylight-saving changes, to the millisecond', () => {
    // Every minute around local midnight in Kathmandu (+05:45) and around Lord Howe's half-hour DST change.
    const edges = [
      { zone: 'Asia/Kathmandu', at: Date.parse('2026-11-27T18:15:00Z') },
      { zone: 'Australia/Lord_Howe', at: Date.parse('2026-10-03T15:30:00Z') },
      { zone: 'Europe/Berlin', at: Date.parse('2026-03-29T01:00:00Z') },
    ];
    for (const { zone, at } of edges) {
      for (let ms = at - 20 * 60_000; ms <= at + 20 * 60_000; ms += 29_999) {
        for (const probe of [ms, ms - 1, ms + 1]) {
          expect(localDate(new Date(probe), zone)).toBe(intlDate(new Date(probe), zone));
          expect(formatDateTime(new Date(probe).toISOString(), zone)).toBe(intlMinute(new Date(probe), zone));
        }
      }
    }
    expect(localDate(new Date('2026-11-27T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-27T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-11-28');
  });
});
