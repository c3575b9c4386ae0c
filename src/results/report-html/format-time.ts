// Instants as the HTML reports show them: UTC to the second, the same zone as the chart axes, so a
// time in a table can be found on a chart. Plain text; callers escape it. Runs in: Node.
import { NO_VALUE } from '../format-values.ts';

/** Unix ms or an ISO string, shown as `2026-12-02 01:33:14 UTC`. */
export function formatTime(at: number | string | null | undefined): string {
  if (at === null || at === undefined) return NO_VALUE;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Time of day only (`01:33:14`), where the date is already on the page. */
export function formatClock(at: number | string | null | undefined): string {
  const full = formatTime(at);
  return full.endsWith(' UTC') ? full.slice(11, 19) : full;
}
