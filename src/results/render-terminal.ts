// The verdict as a person reads it at the end of `npm run load:*`: a PASSED / FAILED headline naming
// the deciding criterion, what could not be judged, every criterion (not-measured ones with their
// reason, reported ones marked so), each chaos fault's before / during / after and the profile's
// findings. Plain ANSI colours, only when asked. Runs in: Node.
import { analysisLines, describeFaultTiming, describeRow } from './describe-analysis.ts';
import {
  formatLimit,
  formatMs,
  formatObservation,
  formatPercent,
  formatValue,
  lacksData,
  notMeasuredText,
} from './format-values.ts';
import type { ChaosFaultAnalysis, CriterionResult, Verdict } from './types.ts';

interface TerminalOptions {
  /** ANSI colours on; decide with `colorEnabled` for the stream the text goes to. */
  readonly color: boolean;
}

/**
 * Colours for `stream`: FORCE_COLOR (other than 0/false) forces them on and FORCE_COLOR=0 off;
 * otherwise only on a TTY with NO_COLOR unset or empty (no-color.org). Entry points call it; `env`
 * defaults to the process environment so they need not pass it.
 */
export function colorEnabled(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

type Paint = (text: string) => string;
interface Palette {
  green: Paint;
  red: Paint;
  yellow: Paint;
  bold: Paint;
  dim: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\x1b[${open}m${text}\x1b[${close}m`;
const PLAIN: Paint = (text) => text;

function paletteOf(color: boolean): Palette {
  if (!color) return { green: PLAIN, red: PLAIN, yellow: PLAIN, bold: PLAIN, dim: PLAIN };
  return {
    green: ansi(32, 39),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    bold: ansi(1, 22),
    dim: ansi(2, 22),
  };
}

/** Criteria that made the verdict fail: failed ones, and inconclusive ones under `strict`. */
function decidingFailures(verdict: Verdict): CriterionResult[] {
  return verdict.criteria.filter(
    (c) => c.status === 'fail' || (verdict.strict && c.status === 'inconclusive'),
  );
}

function headline(verdict: Verdict, p: Palette): string {
  if (verdict.pass) return p.bold(p.green('PASSED'));
  // Not a judgement of the target: the run stopped early (Ctrl-C) or never got to the end.
  if (verdict.run.status === 'interrupted')
    return p.bold(p.yellow(`INTERRUPTED (exit ${verdict.exitCode}): ${verdict.reason}`));
  if (verdict.run.status === 'failed')
    return p.bold(p.red(`ERROR (exit ${verdict.exitCode}): ${verdict.reason}`));
  const failures = decidingFailures(verdict);
  const first = failures[0];
  const detail = first
    ? `${first.id} ${first.status === 'fail' ? formatObservation(first) : `inconclusive (${first.inconclusive ?? 'no data'}, strict)`}`
    : verdict.reason;
  const more = failures.length > 1 ? ` (+${failures.length - 1} more)` : '';
  return p.bold(p.red(`FAILED (exit ${verdict.exitCode}): ${detail}${more}`));
}

function inconclusiveLine(verdict: Verdict, p: Palette): string | undefined {
  if (verdict.inconclusive.length === 0) return undefined;
  const reasons = verdict.inconclusive.map((id) => {
    const reason = verdict.criteria.find((c) => c.id === id)?.inconclusive;
    return reason ? `${id} (${reason})` : id;
  });
  const strict = verdict.strict ? ' — counted as failures (strict)' : '';
  return p.yellow(`INCONCLUSIVE: ${reasons.join(', ')}${strict}`);
}

function criterionLines(criteria: readonly CriterionResult[], p: Palette): string[] {
  const idWidth = Math.max(0, ...criteria.map((c) => c.id.length));
  const limits = criteria.map((c) => formatLimit(c.limit, c.unit));
  const limitWidth = Math.max(0, ...limits.map((l) => l.length));
  return criteria.map((c, i) => {
    const columns = `${c.id.padEnd(idWidth)}  ${(limits[i] as string).padEnd(limitWidth)}  `;
    if (lacksData(c))
      return `  ${p.yellow('?')} ${columns}${p.yellow(`n/a (${c.inconclusive ?? 'no data'})`)}`;
    const observed = formatValue(c.observed, c.unit);
    // Measured without a limit for this profile: not a judgement, so not in the pass/fail colours.
    if (c.status === 'reported') return `  ${p.dim('•')} ${columns}${observed} ${p.dim('(reported)')}`;
    if (c.status === 'pass') return `  ${p.green('✓')} ${columns}${observed}`;
    if (c.status === 'fail') return `  ${p.red('✗')} ${columns}${p.red(observed)}`;
    return `  ${p.yellow('?')} ${columns}${observed} ${p.yellow(`inconclusive: ${c.inconclusive ?? 'unknown'}`)}`;
  });
}

/**
 * Not-measured criteria as one line per reason ("– not measured (PROMETHEUS_URL not set):
 * cpu-of-requests, memory-of-limits"), after the judged ones: a run without Prometheus stays short.
 */
function notMeasuredLines(criteria: readonly CriterionResult[], p: Palette): string[] {
  const byReason = new Map<string, string[]>();
  for (const c of criteria) {
    if (c.status !== 'not-measured') continue;
    const reason = notMeasuredText(c);
    byReason.set(reason, [...(byReason.get(reason) ?? []), c.id]);
  }
  return [...byReason].map(([reason, ids]) => `  ${p.dim('–')} ${p.dim(`${reason}: ${ids.join(', ')}`)}`);
}

function faultLines(fault: ChaosFaultAnalysis, runStartedAt: string, p: Palette): string[] {
  const selected = fault.selected.length > 0 ? ` on ${fault.selected.join(', ')}` : '';
  const lines = [
    `  ${p.bold(fault.experiment)} (${fault.kind})${selected}`,
    `    ${describeFaultTiming(fault, runStartedAt)}`,
  ];
  for (const window of fault.windows) {
    const worst = [
      window.worstService && `worst service ${describeRow(window.worstService)}`,
      window.worstOperation && `operation ${describeRow(window.worstOperation)}`,
    ].filter(Boolean);
    const notes = [...worst, window.inconclusive && p.yellow(`inconclusive: ${window.inconclusive}`)].filter(
      Boolean,
    );
    const p95 = `p95 ${formatMs(window.p95Ms)}`;
    const figures = `errors ${formatPercent(window.errorRate).padEnd(8)} ${notes.length ? p95.padEnd(12) : p95}`;
    lines.push(`    ${window.name.padEnd(7)}${figures}${notes.length ? ` ${notes.join(', ')}` : ''}`);
  }
  return lines;
}

export function renderTerminalVerdict(verdict: Verdict, options: TerminalOptions): string {
  const p = paletteOf(options.color);
  const lines = [headline(verdict, p)];
  const inconclusive = inconclusiveLine(verdict, p);
  if (inconclusive) lines.push(inconclusive);
  if (verdict.criteria.length > 0) {
    const measured = verdict.criteria.filter((c) => c.status !== 'not-measured');
    lines.push(
      '',
      p.bold('Criteria'),
      ...criterionLines(measured, p),
      ...notMeasuredLines(verdict.criteria, p),
    );
  }
  const faults = verdict.analysis.chaos ?? [];
  if (faults.length > 0) {
    lines.push('', p.bold('Chaos'));
    for (const fault of faults)
      lines.push(...faultLines(fault, verdict.run.loadStartedAt ?? verdict.run.startedAt, p));
  }
  const findings = analysisLines(verdict.analysis);
  if (findings.length > 0) lines.push('');
  for (const finding of findings) lines.push(`${p.bold(`${finding.label}:`)} ${finding.text}`);
  return `${lines.join('\n')}\n`;
}
