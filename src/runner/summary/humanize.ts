// Human-readable values for the text summary, like k6's: durations in µs/ms/s/m/h, data in
// kB/MB (base 1000), rates as percentages truncated (never rounded up to 100 %).
// Runs in: Node (runner main thread).
import type { MetricType, ValueContains } from '../metrics/types.ts';

const TIME_UNITS: Readonly<Record<string, { perMs: number; label: string }>> = {
  s: { perMs: 1 / 1000, label: 's' },
  ms: { perMs: 1, label: 'ms' },
  us: { perMs: 1000, label: 'µs' },
};

/** Up to `digits` decimals without trailing zeros (1.50 → 1.5, 2.00 → 2). */
export function trimFixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Duration in ms → '0s', '850ns', '12.5µs', '123.45ms', '2.5s', '1m30s', '1h2m3s'; fixed unit if given. */
export function humanizeDuration(ms: number, timeUnit = ''): string {
  const fixed = TIME_UNITS[timeUnit];
  if (fixed !== undefined) return `${(ms * fixed.perMs).toFixed(2)}${fixed.label}`;
  if (ms === 0) return '0s';
  const abs = Math.abs(ms);
  if (abs < 0.001) return `${Math.trunc(ms * 1e6)}ns`;
  if (abs < 1) return `${trimFixed(ms * 1000, 2)}µs`;
  if (abs < 1000) return `${trimFixed(ms, 2)}ms`;
  const sign = ms < 0 ? '-' : '';
  let seconds = abs / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const h = hours > 0 ? `${hours}h` : '';
  const m = hours > 0 || minutes > 0 ? `${minutes}m` : '';
  // Minutes and hours are whole; seconds keep 2 decimals only while the duration is short.
  const s = hours > 0 || minutes > 0 ? trimFixed(Math.floor(seconds * 10) / 10, 1) : trimFixed(seconds, 2);
  return `${sign}${h}${m}${s}s`;
}

/** Bytes → '512 B', '1.2 kB', '34 MB' (SI units, as k6). */
export function humanizeBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  if (Math.abs(bytes) < 1000) return `${trimFixed(bytes, 2)} B`;
  const exponent = Math.min(units.length - 1, Math.floor(Math.log10(Math.abs(bytes)) / 3));
  const scaled = bytes / 1000 ** exponent;
  return `${Math.abs(scaled) < 10 ? scaled.toFixed(1) : Math.round(scaled).toString()} ${units[exponent]}`;
}

/** 0..1 → '99.99%', truncated to 2 decimals so 0.99999 never prints as 100.00%. */
export function humanizeRate(fraction: number): string {
  return `${(Math.trunc(fraction * 10_000) / 100).toFixed(2)}%`;
}

/** One value of a metric as k6 prints it. */
export function humanizeValue(
  value: number,
  metric: { type: MetricType; contains: ValueContains },
  timeUnit = '',
): string {
  if (metric.type === 'rate') return humanizeRate(value);
  if (metric.contains === 'time') return humanizeDuration(value, timeUnit);
  if (metric.contains === 'data') return humanizeBytes(value);
  return trimFixed(value, 6);
}
