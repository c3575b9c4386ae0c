// How every report writes numbers: durations, error rates, throughput, bytes, slopes, changes from a
// baseline and criterion limits, so the terminal verdict, report.md, junit.xml, report.html and the
// gate's reports show one value the same way ("412 ms", "0.35 %", "123.4/s", "+12.3 %"). The one
// value formatter of the project. Pure formatting, no I/O. Runs in: Node.
import { formatDurationMs } from '../vu/duration.ts';
import type { CriterionResult } from './types.ts';

/** The units a criterion's observed value can carry. */
export type ValueUnit = NonNullable<CriterionResult['unit']>;

/** What reports print for a value that was not measured. */
export const NO_VALUE = 'n/a';

/** Decimal digits kept by `digits`, trailing zeros dropped ("1.20" → "1.2", "100.0" → "100"). */
function trimmed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Two significant digits for small magnitudes, fixed decimals above. */
function readable(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 100) return trimmed(value, 0);
  if (magnitude >= 10) return trimmed(value, 1);
  if (magnitude >= 0.01) return trimmed(value, 2);
  return String(Number(value.toPrecision(2)));
}

/** A duration in ms: "0.42 ms", "412 ms", "1.2 s", "75 s", then k6 style from 10 minutes ("12m30s"). */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  const magnitude = Math.abs(ms);
  if (magnitude < 1000) return `${readable(ms)} ms`;
  if (magnitude < 10_000) return `${trimmed(ms / 1000, 1)} s`;
  // Whole seconds above: sub-second digits of a recovery time are noise at that scale, and "75 s"
  // compares with a "≤ 60 s" limit at a glance where "1m15s" does not.
  if (magnitude < 600_000) return `${Math.round(ms / 1000)} s`;
  return `${ms < 0 ? '-' : ''}${formatDurationMs(Math.round(magnitude / 1000) * 1000)}`;
}

/**
 * A number as a limit or a raw observation writes it, without a unit: whole numbers as they are, others
 * to four significant digits (612.345 → "612.3", 13.75 → "13.75").
 */
export function formatPlain(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** A ratio 0..1 as a percentage: 0.0035 → "0.35 %", 0.5 → "50 %". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return NO_VALUE;
  return `${readable(ratio * 100)} %`;
}

/** A per-second rate: "123.4/s", "1234/s". */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return NO_VALUE;
  return `${Math.abs(perSecond) >= 1000 ? trimmed(perSecond, 0) : trimmed(perSecond, 1)}/s`;
}

/** A count with thousands separators: 123456 → "123,456". */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return NO_VALUE;
  return Number.isInteger(count) ? count.toLocaleString('en-US') : readable(count);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A byte count in binary units: 1_258_291 → "1.2 MiB". */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${bytes < 0 ? '-' : ''}${readable(value)} ${BYTE_UNITS[unit]}`;
}

/** A slope per hour with its sign, so growth reads as growth: "+12 ms/h", "-0.01 %/h". */
function formatSlope(value: number, text: (magnitude: number) => string, perUnit: string): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  return `${sign}${text(Math.abs(value))}${perUnit}`;
}

/** Any observed value in its criterion unit; `n/a` when there is none. */
export function formatValue(value: number | null | undefined, unit?: ValueUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'ratio':
      return formatPercent(value);
    case 'rps':
      return formatRate(value);
    case 'count':
      return formatCount(value);
    case 'ms/h':
      return formatSlope(value, (v) => readable(v), ' ms/h');
    case 'ratio/h':
      return formatSlope(value, (v) => readable(v * 100), ' %/h');
    case 'bytes/h':
      return formatSlope(value, formatBytes, '/h');
    default:
      return readable(value);
  }
}

/**
 * A change from a baseline, signed so a rise reads as a rise: a share for most units (0.123 →
 * "+12.3 %"), percentage points for ratios, whose change is already in points (0.4 → "+0.40 pt").
 */
export function formatChange(change: number | null | undefined, unit?: ValueUnit): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return NO_VALUE;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  return unit === 'ratio' ? `${sign}${size.toFixed(2)} pt` : `${sign}${(size * 100).toFixed(1)} %`;
}

/** A limit split into its parts: `p(95) < 500` → aggregation p(95), comparator <, value 500. */
interface ParsedLimit {
  aggregation: string;
  comparator: string;
  value: number;
}

const COMPARATOR_TEXT: Readonly<Record<string, string>> = {
  '<': '<',
  '<=': '≤',
  '≤': '≤',
  '>': '>',
  '>=': '≥',
  '≥': '≥',
  '==': '=',
  '===': '=',
  '=': '=',
  '!=': '≠',
  '≠': '≠',
};
const BARE_LIMIT =
  /^\s*([a-z]+(?:\([\d.]+\))?)?\s*(===|==|!=|<=|>=|<|>|=|≤|≥|≠)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;

/** The parts of a limit written without a unit (`p(95)<500`, `rate < 0.001`, `≤ 60000`); else null. */
export function parseLimit(limit: string): ParsedLimit | null {
  const match = BARE_LIMIT.exec(limit);
  if (!match) return null;
  return {
    aggregation: match[1] ?? '',
    comparator: COMPARATOR_TEXT[match[2] as string] ?? (match[2] as string),
    value: Number(match[3]),
  };
}

/**
 * A criterion's limit for people: a bare threshold gets the criterion's unit (`p(95)<500` with ms →
 * "p(95) < 500 ms", `rate<0.001` with ratio → "rate < 0.1 %"); a limit that already reads as text
 * (`≤ 60 s`) is kept as written.
 */
export function formatLimit(limit: string, unit?: ValueUnit): string {
  const parsed = parseLimit(limit);
  if (!parsed) return limit.trim();
  // A threshold written in ms reads best in ms ("p(99) < 1000 ms" beside the id p99-under-1000ms).
  const value =
    unit === 'ms' && Math.abs(parsed.value) < 10_000 ? `${parsed.value} ms` : formatValue(parsed.value, unit);
  return `${parsed.aggregation ? `${parsed.aggregation} ` : ''}${parsed.comparator} ${value}`;
}

/** Time into the run as event lines stamp it: "+12.3s", "+1m30s" from a minute. */
export function formatRunOffset(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < 60_000) return `+${(clamped / 1000).toFixed(1)}s`;
  return `+${formatDurationMs(Math.round(clamped / 1000) * 1000)}`;
}

/**
 * No samples behind a criterion: reports say "n/a (no data)" rather than pass or fail. A not-measured
 * criterion is not one of these: it says why it was not measured (`notMeasuredText`).
 */
export function lacksData(criterion: Pick<CriterionResult, 'observed' | 'status' | 'inconclusive'>): boolean {
  if (criterion.status === 'not-measured') return false;
  return criterion.observed === null || criterion.inconclusive === 'no data';
}

/** What reports print for a not-measured criterion: "not measured: PROMETHEUS_URL not set". */
export function notMeasuredText(criterion: Pick<CriterionResult, 'notMeasured'>): string {
  return `not measured: ${criterion.notMeasured ?? 'no data'}`;
}

/**
 * The comparison behind a criterion's outcome, "observed 612 ms > limit 500 ms": the sign is the
 * numeric relation of observed to the limit's value, so it reads true whichever way the limit points.
 */
export function formatObservation(criterion: Pick<CriterionResult, 'observed' | 'limit' | 'unit'>): string {
  const observed = formatValue(criterion.observed, criterion.unit);
  const parsed = parseLimit(criterion.limit);
  if (!parsed || criterion.observed === null)
    return `observed ${observed} vs limit ${criterion.limit.trim()}`;
  const sign = criterion.observed > parsed.value ? '>' : criterion.observed < parsed.value ? '<' : '=';
  return `observed ${observed} ${sign} limit ${formatValue(parsed.value, criterion.unit)}`;
}

/** The one-word outcome every report leads with: PASSED, FAILED, or why there is no judgement. */
export function outcomeWord(verdict: { pass: boolean; run: { status: string } }): string {
  if (verdict.pass) return 'PASSED';
  if (verdict.run.status === 'interrupted') return 'INTERRUPTED';
  if (verdict.run.status === 'failed') return 'ERROR';
  return 'FAILED';
}
