// junit.xml for CI test reporters: one <testcase> per criterion, failed criteria as <failure>,
// inconclusive ones as <skipped> (as failures under `strict`), not-measured ones as <skipped> with
// their reason (never failures: nothing was judged), reported ones as passed cases whose
// <system-out> carries the figure. The suite writer below it is generic so the release gate can
// report its own checks the same way. Runs in: Node.
import { formatLimit, formatObservation, formatValue, notMeasuredText } from './format-values.ts';
import type { CriterionResult, Verdict } from './types.ts';

interface JunitCase {
  name: string;
  classname: string;
  /** Failure message; the case failed when set. */
  failure?: string;
  /** Longer failure text, written as the element's body. */
  failureDetail?: string;
  /** Skip message; the case was skipped when set (and `failure` is not). */
  skipped?: string;
  /** Text for the case's <system-out>, e.g. a figure reported without a limit. */
  systemOut?: string;
  /** Seconds the case took; 0 when unknown. */
  timeS?: number;
}

interface JunitSuite {
  name: string;
  cases: JunitCase[];
  /** Seconds the suite took; the sum of its cases when unset. */
  timeS?: number;
  /** ISO time the suite started. */
  timestamp?: string;
}

/** Characters XML 1.0 does not allow at all (control characters other than tab, LF, CR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** Text safe in an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: parsers fold a raw newline in an attribute into a space, a reference survives. */
const attribute = (text: string) => escapeXml(text).replace(/\r?\n/g, '&#10;');

const seconds = (timeS: number | undefined) =>
  (timeS !== undefined && Number.isFinite(timeS) ? timeS : 0).toFixed(3);

function renderCase(c: JunitCase): string {
  const open = `    <testcase name="${attribute(c.name)}" classname="${attribute(c.classname)}" time="${seconds(c.timeS)}"`;
  if (c.failure !== undefined) {
    const body = c.failureDetail ? escapeXml(c.failureDetail) : '';
    return `${open}>\n      <failure message="${attribute(c.failure)}">${body}</failure>\n    </testcase>`;
  }
  if (c.skipped !== undefined)
    return `${open}>\n      <skipped message="${attribute(c.skipped)}"/>\n    </testcase>`;
  if (c.systemOut !== undefined)
    return `${open}>\n      <system-out>${escapeXml(c.systemOut)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

function countsOf(cases: readonly JunitCase[]): { tests: number; failures: number; skipped: number } {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length;
  return { tests: cases.length, failures, skipped };
}

const countAttributes = (n: { tests: number; failures: number; skipped: number }, timeS: number) =>
  `tests="${n.tests}" failures="${n.failures}" errors="0" skipped="${n.skipped}" time="${seconds(timeS)}"`;

/** A whole junit.xml document from suites of cases. */
export function renderJunitSuites(suites: readonly JunitSuite[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = suites.flatMap((s) => s.cases);
  const suiteTime = (s: JunitSuite) => s.timeS ?? s.cases.reduce((sum, c) => sum + (c.timeS ?? 0), 0);
  const totalTime = suites.reduce((sum, s) => sum + suiteTime(s), 0);
  lines.push(`<testsuites ${countAttributes(countsOf(all), totalTime)}>`);
  for (const suite of suites) {
    const timestamp = suite.timestamp ? ` timestamp="${attribute(suite.timestamp)}"` : '';
    const attributes = countAttributes(countsOf(suite.cases), suiteTime(suite));
    lines.push(`  <testsuite name="${attribute(suite.name)}" ${attributes}${timestamp}>`);
    lines.push(...suite.cases.map(renderCase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function criterionCase(criterion: CriterionResult, classname: string, strict: boolean): JunitCase {
  const base = { name: criterion.id, classname };
  const limit = formatLimit(criterion.limit, criterion.unit);
  const detail = `${criterion.description}\nlimit: ${limit}\nobserved: ${formatValue(criterion.observed, criterion.unit)}`;
  if (criterion.status === 'fail') {
    const observed = formatValue(criterion.observed, criterion.unit);
    return { ...base, failure: `observed ${observed} vs limit ${limit}`, failureDetail: detail };
  }
  if (criterion.status === 'not-measured') return { ...base, skipped: notMeasuredText(criterion) };
  if (criterion.status === 'reported')
    return {
      ...base,
      systemOut: `reported (${limit}): observed ${formatValue(criterion.observed, criterion.unit)}\n${criterion.description}`,
    };
  if (criterion.status === 'inconclusive') {
    const message = `inconclusive: ${criterion.inconclusive ?? 'no data'}`;
    return strict
      ? {
          ...base,
          failure: `${message} (strict)`,
          failureDetail: `${detail}\n${formatObservation(criterion)}`,
        }
      : { ...base, skipped: message };
  }
  return base;
}

/** Seconds between the run's start and end; 0 while it has no end. */
function runSeconds(verdict: Verdict): number {
  const from = Date.parse(verdict.run.startedAt);
  const to = verdict.run.finishedAt ? Date.parse(verdict.run.finishedAt) : Number.NaN;
  return Number.isFinite(from) && Number.isFinite(to) ? Math.max(0, (to - from) / 1000) : 0;
}

/**
 * The verdict as junit.xml: suite `c4ang-perf <profile>` (or `suiteName`), classname
 * `c4ang-perf.<profile>`. A failed verdict without a failed criterion (script error, interrupted
 * run) gets a `run` case carrying the reason, so CI never shows green for a red run.
 */
export function renderJunit(verdict: Verdict, options: { suiteName?: string } = {}): string {
  const classname = `c4ang-perf.${verdict.profile}`;
  const cases = verdict.criteria.map((c) => criterionCase(c, classname, verdict.strict));
  if (!verdict.pass && !cases.some((c) => c.failure !== undefined)) {
    const failure = verdict.run.error ?? verdict.reason;
    cases.push({ name: 'run', classname, failure, failureDetail: `exit code ${verdict.exitCode}` });
  }
  return renderJunitSuites([
    {
      name: options.suiteName ?? `c4ang-perf ${verdict.profile}`,
      cases,
      timeS: runSeconds(verdict),
      timestamp: verdict.run.startedAt,
    },
  ]);
}
