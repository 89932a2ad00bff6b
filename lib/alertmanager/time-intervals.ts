import { Scalar } from 'yaml';
import { TimeInterval, TimePeriod } from './config';
import { IANA_ZONES } from './iana-zones';

/**
 * Time intervals checked the way Alertmanager 0.25 parses them
 * (timeinterval/timeinterval.go): every range is `begin` or `begin:end`,
 * lower-cased before lookup, and `begin` may not come after `end`. Where
 * Alertmanager accepts a value that can never match (month 13, year 0), synth
 * refuses it too: an interval that is never active mutes nothing, or
 * activates a route that never sends.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
// Alertmanager's validTime: 00:00 to 23:59, and 24:00 for the end of the day.
const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
// Go's strconv.Atoi: an optional sign, then decimal digits.
const INTEGER = /^[+-]?\d+$/;

type Member = (text: string) => number | string;

/** Problems of one named time interval, each naming it and the field. */
export function timeIntervalProblems(interval: TimeInterval): string[] {
  const where = `time interval ${JSON.stringify(interval.name)}`;
  if (!interval.name?.trim()) return ['a time interval has an empty name; name it'];
  if (!interval.intervals?.length) return [`${where} has no periods; it would never be active (or never mute); add one`];
  return interval.intervals.flatMap((period, i) => periodProblems(period).map((p) => `${where}, period ${i + 1}: ${p}`));
}

function periodProblems(period: TimePeriod): string[] {
  const problems: string[] = [];
  for (const text of period.weekdays ?? []) {
    problems.push(...rangeProblems('weekdays', text, named(WEEKDAYS, 'weekday', 'sunday … saturday, in full'), (b, e) =>
      b > e ? 'a week runs from sunday to saturday, so a range cannot wrap; list the days on both sides of the weekend separately' : undefined,
    ));
  }
  for (const [i, range] of (period.times ?? []).entries()) {
    const bad = [range.startTime, range.endTime].find((t) => typeof t !== 'string' || !TIME.test(t));
    if (bad !== undefined) problems.push(`times[${i}]: ${JSON.stringify(bad)} is not a time; use HH:MM from 00:00 to 24:00`);
    else if (minutes(range.startTime) >= minutes(range.endTime)) {
      problems.push(`times[${i}]: ${range.startTime}-${range.endTime} ends before it starts; a range cannot pass midnight, split it at 24:00 and 00:00`);
    }
  }
  for (const text of period.daysOfMonth ?? []) problems.push(...rangeProblems('daysOfMonth', text, dayOfMonth, dayOrder));
  for (const text of period.months ?? []) {
    problems.push(...rangeProblems('months', text, month, (b, e) => (b > e ? 'a range cannot wrap past december; list both parts' : undefined)));
  }
  for (const text of period.years ?? []) {
    problems.push(...rangeProblems('years', text, year, (b, e) => (b > e ? `end year ${e} is before start year ${b}` : undefined)));
  }
  if (period.location !== undefined && !isZone(period.location)) {
    problems.push(`location ${JSON.stringify(period.location)} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
  }
  return problems;
}

/** A `begin` or `begin:end` value: each member valid, then the pair in order. */
function rangeProblems(field: string, text: unknown, member: Member, order: (begin: number, end: number) => string | undefined): string[] {
  const where = `${field} ${JSON.stringify(text)}`;
  if (typeof text !== 'string') return [`${where} is not a string`];
  const parts = text.toLowerCase().split(':');
  if (parts.length > 2) return [`${where} is not a value or a begin:end range`];
  const values = parts.map(member);
  const bad = values.find((v): v is string => typeof v === 'string');
  if (bad !== undefined) return [`${where}: ${bad}`];
  const problem = order(values[0] as number, values[values.length - 1] as number);
  return problem ? [`${where}: ${problem}`] : [];
}

function named(names: readonly string[], what: string, hint: string): Member {
  return (text) => (names.includes(text) ? names.indexOf(text) : `${JSON.stringify(text)} is not a ${what}; use ${hint}`);
}

function dayOfMonth(text: string): number | string {
  const day = INTEGER.test(text) ? Number(text) : NaN;
  return day !== 0 && Math.abs(day) <= 31 ? day : `${JSON.stringify(text)} is not a day of the month; use 1 to 31, or -31 to -1 counted from the end`;
}

/** Alertmanager's order check: negative days count back from a 28-day month, and a negative start needs a negative end. */
function dayOrder(begin: number, end: number): string | undefined {
  if (begin < 0 && end > 0) return 'a range starting from the end of the month must end there too (both negative)';
  const at = (day: number) => (day < 0 ? 28 + day : day);
  return at(begin) > at(end) ? `day ${end} comes before day ${begin} in some months; the range would never match` : undefined;
}

function month(text: string): number | string {
  if (MONTHS.includes(text)) return MONTHS.indexOf(text) + 1;
  const n = INTEGER.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= 12 ? n : `${JSON.stringify(text)} is not a month; use january … december, or 1 to 12`;
}

function year(text: string): number | string {
  const n = INTEGER.test(text) ? Number(text) : NaN;
  return n >= 1 ? n : `${JSON.stringify(text)} is not a year; use e.g. 2027`;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Zones of the IANA database by exact name, as Go's LoadLocation opens them
 * (a file path, so case matters): `utc` or `europe/berlin` are refused.
 */
function isZone(name: string): boolean {
  return IANA_ZONES.has(name);
}

/** A time interval as alertmanager.yml writes it; times are quoted, so no YAML 1.1 reader takes `18:00` for a base-60 number. */
export function renderTimeInterval(interval: TimeInterval): Record<string, unknown> {
  return {
    name: interval.name,
    time_intervals: interval.intervals.map((p) => ({
      ...(p.weekdays ? { weekdays: [...p.weekdays] } : {}),
      ...(p.times ? { times: p.times.map((r) => ({ start_time: quoted(r.startTime), end_time: quoted(r.endTime) })) } : {}),
      ...(p.daysOfMonth ? { days_of_month: p.daysOfMonth.map(quoted) } : {}),
      ...(p.months ? { months: p.months.map(quoted) } : {}),
      ...(p.years ? { years: p.years.map(quoted) } : {}),
      ...(p.location ? { location: p.location } : {}),
    })),
  };
}

function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
