/**
 * GWS sends times as `2014-01-09 11:58:12.035+0200` and as `2014-01-02T14:23:18.000-0800`,
 * and sometimes `timestampSeconds`, which despite its name holds epoch milliseconds.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses a GWS timestamp string to epoch milliseconds, or `null` when it is not one. */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Reject dates that overflowed into another day (2014-02-31).
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return utc - offsetMinutes * 60_000;
}

/** Latest instant JavaScript dates can hold, in milliseconds. */
const MAX_TIME = 8.64e15;

/**
 * The message time from `timestampSeconds` (milliseconds) or `timestamp`, preferring the
 * numeric form. `null` when neither is usable.
 */
export function messageTime(timestampSeconds: unknown, timestamp: unknown): number | null {
  if (typeof timestampSeconds === 'number' && Number.isFinite(timestampSeconds)
    && Math.abs(timestampSeconds) <= MAX_TIME) {
    return Math.trunc(timestampSeconds);
  }
  if (typeof timestamp === 'string') return parseTimestamp(timestamp);
  return null;
}
