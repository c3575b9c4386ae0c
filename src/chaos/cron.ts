// Chaos Mesh Schedule cron specs as robfig/cron v3 parses them: 5 fields, optional leading seconds
// field (6 fields), descriptors (@hourly, @daily, …) and `@every <duration>`. Computes the next
// fire time in the process's local time zone (Chaos Mesh uses the controller's). Node side; pure.
import { tryParseGoDurationMs } from '../vu/duration.ts';

/** A parsed cron spec: a fixed interval (`@every`) or per-field sets of allowed values. */
export type CronSpec =
  | { kind: 'every'; intervalMs: number }
  | {
      kind: 'fields';
      seconds: Set<number>;
      minutes: Set<number>;
      hours: Set<number>;
      daysOfMonth: Set<number>;
      months: Set<number>;
      daysOfWeek: Set<number>;
      /** robfig: when either day field is `*`, both must match; otherwise either may. */
      dayStar: boolean;
    };

type CronParseResult = { ok: true; spec: CronSpec } | { ok: false; message: string };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
interface FieldRange {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}
const FIELDS: FieldRange[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, namesFrom: 0 },
];

/** Parse a Chaos Mesh cron spec; the message says what is wrong when it does not parse. */
export function parseCron(text: string): CronParseResult {
  const spec = text.trim().replace(/^(?:CRON_TZ|TZ)=\S+\s+/, '');
  if (spec.startsWith('@every')) {
    const arg = spec.slice('@every'.length).trim();
    const ms = tryParseGoDurationMs(arg);
    if (ms === undefined || ms < 1000) {
      return { ok: false, message: `@every needs a duration of at least 1s (got "${arg}")` };
    }
    return { ok: true, spec: { kind: 'every', intervalMs: ms } };
  }
  const expanded = spec.startsWith('@') ? DESCRIPTORS[spec] : spec;
  if (!expanded) return { ok: false, message: `unknown descriptor "${spec}"` };
  const parts = expanded.split(/\s+/);
  if (parts.length === 5) parts.unshift('0');
  if (parts.length !== 6) {
    return { ok: false, message: `expected 5 or 6 fields (got ${parts.length})` };
  }
  const sets: Set<number>[] = [];
  for (let i = 0; i < 6; i++) {
    const parsed = parseField(parts[i]!, FIELDS[i]!);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    sets.push(parsed);
  }
  const [seconds, minutes, hours, daysOfMonth, months, daysOfWeek] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const dayStar = isStar(parts[3]!) || isStar(parts[5]!);
  return {
    ok: true,
    spec: { kind: 'fields', seconds, minutes, hours, daysOfMonth, months, daysOfWeek, dayStar },
  };
}

function isStar(field: string): boolean {
  // robfig sets its star bit only for a bare `*`/`?` (a step such as `*/2` clears it).
  return field === '*' || field === '?';
}

function parseField(field: string, range: FieldRange): Set<number> | string {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [base, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return `bad step in ${range.name} field "${item}"`;
    let low = range.min;
    let high = range.max;
    if (base !== '*' && base !== '?') {
      const [a, b] = base!.split('-');
      const from = toNumber(a!, range);
      const to = b === undefined ? (stepText === undefined ? from : range.max) : toNumber(b, range);
      if (from === undefined || to === undefined || from > to) {
        return `bad ${range.name} field "${item}" (expected ${range.min}-${range.max})`;
      }
      low = from;
      high = to;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function toNumber(text: string, range: FieldRange): number | undefined {
  const byName = range.names?.indexOf(text.toUpperCase()) ?? -1;
  const value =
    byName >= 0 ? byName + (range.namesFrom ?? 0) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(value) && value >= range.min && value <= range.max ? value : undefined;
}

/** The first fire time strictly after `from`; undefined when none within ~5 years (e.g. Feb 30). */
export function nextFireAfter(spec: CronSpec, from: Date): Date | undefined {
  if (spec.kind === 'every') return new Date(from.getTime() + spec.intervalMs);
  const t = new Date(from.getTime());
  t.setMilliseconds(0);
  t.setSeconds(t.getSeconds() + 1);
  const limit = from.getTime() + 5 * 366 * 86_400_000;
  // Each step jumps to the next candidate of the coarsest non-matching field, so the loop is short.
  for (let guard = 0; guard < 100_000 && t.getTime() <= limit; guard++) {
    if (!spec.months.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0, 0);
    } else if (!dayMatches(spec, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0, 0);
    } else if (!spec.hours.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0, 0);
    } else if (!spec.minutes.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1, 0);
    } else if (!spec.seconds.has(t.getSeconds())) {
      t.setSeconds(t.getSeconds() + 1);
    } else {
      return t;
    }
  }
  return undefined;
}

function dayMatches(spec: Extract<CronSpec, { kind: 'fields' }>, t: Date): boolean {
  const dom = spec.daysOfMonth.has(t.getDate());
  const dow = spec.daysOfWeek.has(t.getDay());
  return spec.dayStar ? dom && dow : dom || dow;
}
