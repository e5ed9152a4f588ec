/**
 * The UTC instant a local day begins in the shop's time zone (the reports' `period.timeZone`),
 * so that a drill-down from a day, week or month of a chart lists exactly the returns in it,
 * whatever zone the shop is set to and wherever the browser is.
 */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant (ISO, UTC) at which a local day YYYY-MM-DD begins in a time zone. */
export function dayStartIn(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Two rounds settle a day that begins next to a change of offset.
  let instant = guess - offsetMinutes(guess, timeZone) * 60_000;
  instant = guess - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}
