// Benchmark of a full-scale soak's time series: 24 h at ~200 req/s with two chaos faults, written the
// way a run writes it (TimeSeriesWriter, one second at a time, never held in memory), then compacted
// as the orchestration does at the end of a run, then read (readRunSeries) and reported
// (`npm run report`). Prints a table against the goals (≤ 200 MB on disk, report ≤ 10 s); fails nothing.
// Run: npm run bench:series [-- --hours <n>] [--rate <req/s>] [--keep] [--dir <folder>]
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { emptyRecord } from '../src/chaos/record.ts';
import type { RunRecord } from '../src/orchestrate/run-record.ts';
import { compactTimeSeries } from '../src/results/compact-timeseries.ts';
import { readRunSeries } from '../src/results/read-run-series.ts';
import { findTimeSeries, TIME_SERIES_FILE, TimeSeriesWriter } from '../src/results/timeseries-file.ts';
import { type Fault, generateSoakSeconds } from './long-series-shape.ts';

const { values: flags } = parseArgs({
  options: {
    hours: { type: 'string', default: '24' },
    rate: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});
const hours = Number(flags.hours);
const rate = Number(flags.rate);
if (!(hours > 0) || !(rate > 0))
  throw new Error(`--hours and --rate must be positive (got ${flags.hours}, ${flags.rate})`);

const GOAL_BYTES = 200 * 1024 * 1024;
const GOAL_REPORT_MS = 10_000;
/** Per-second data kept on each side of a fault, as the orchestration asks for. */
const KEEP_MARGIN_S = 300;
const REPORT_TIMEOUT = '120s';

const seconds = Math.round(hours * 3600);
const startT = Math.floor(Date.UTC(2026, 0, 1) / 1000);
const faults: Fault[] = [
  {
    name: 'pod-kill-order-service',
    kind: 'PodChaos',
    service: 'order-service',
    fromS: 0.25,
    durationS: 120,
    effect: 'errors',
  },
  {
    name: 'network-delay-order-to-payment',
    kind: 'NetworkChaos',
    service: 'payment-service',
    fromS: 0.75,
    durationS: 600,
    effect: 'latency',
  },
].map(
  (f) =>
    ({ ...f, fromS: Math.round(seconds * f.fromS), durationS: Math.min(f.durationS, seconds / 10) }) as Fault,
);

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const runDir = path.resolve(flags.dir ?? path.join('results', `bench-long-series-${stamp}`));
mkdirSync(runDir, { recursive: true });
writeRunFolder();

const rows: [string, string, string][] = [];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  console.log(`writing ${hours} h of a soak at ${rate} req/s into ${runDir} …`);
  let started = performance.now();
  const writer = new TimeSeriesWriter(path.join(runDir, TIME_SERIES_FILE));
  for (const lines of generateSoakSeconds({ startT, seconds, rate, faults })) writer.writeSeconds(lines);
  await writer.close();
  const rawBytes = statSync(writer.path).size;
  rows.push(['raw series', `${mb(rawBytes)}, ${writer.linesWritten.toLocaleString('en')} lines`, '']);
  rows.push(['  written in', secs(performance.now() - started), '']);

  started = performance.now();
  const compacted = await compactTimeSeries(writer.path, {
    keepPerSecond: faults.map((f) => ({
      fromMs: (startT + f.fromS - KEEP_MARGIN_S) * 1000,
      toMs: (startT + f.fromS + f.durationS + KEEP_MARGIN_S) * 1000,
    })),
  });
  const compactMs = performance.now() - started;
  const goalBytes = compacted.bytesOut <= GOAL_BYTES ? 'ok' : 'OVER';
  rows.push([
    compacted.compacted ? 'compacted series' : 'series (short run, left plain)',
    `${mb(compacted.bytesOut)}, ${compacted.linesOut.toLocaleString('en')} lines`,
    `≤ 200 MB: ${goalBytes}`,
  ]);
  rows.push([
    '  compacted in',
    secs(compactMs),
    `${(rawBytes / 1024 / 1024 / (compactMs / 1000)).toFixed(0)} MB/s`,
  ]);
  rows.push(['  memory (peak RSS, whole bench)', mb(process.resourceUsage().maxRSS * 1024), '']);

  started = performance.now();
  const series = await readRunSeries(findTimeSeries(runDir) ?? compacted.path);
  rows.push([
    'readRunSeries',
    secs(performance.now() - started),
    `${series.points.length.toLocaleString('en')} points`,
  ]);

  started = performance.now();
  const report = await $({
    nothrow: true,
    quiet: true,
    timeout: REPORT_TIMEOUT,
  })`npm run --silent report -- ${runDir}`;
  const reportMs = performance.now() - started;
  rows.push([
    'npm run report',
    secs(reportMs),
    `exit ${report.exitCode}; ≤ 10 s: ${reportMs <= GOAL_REPORT_MS ? 'ok' : 'OVER'}`,
  ]);
  if (report.exitCode !== 0 && report.exitCode !== 99) console.error(report.stderr);

  printTable(rows);
} finally {
  // A 24 h raw series is ~3 GB: never leave it behind, even when a step failed.
  if (flags.keep) console.log(`kept ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
}

function writeRunFolder(): void {
  const record: RunRecord = {
    runId: path.basename(runDir),
    profile: 'soak',
    status: 'finished',
    engine: 'local',
    target: 'bench (generated series)',
    loadScale: 1,
    vuScale: 1,
    chaos: faults.map((f) => f.name),
    startedAt: new Date(startT * 1000).toISOString(),
    finishedAt: new Date((startT + seconds) * 1000).toISOString(),
    exitCode: 0,
  };
  writeFileSync(path.join(runDir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  const experiments = faults.map((f) => {
    const chaos = emptyRecord({
      id: `${f.name}-bench`,
      provider: 'local',
      runId: record.runId,
      kind: f.kind,
      name: f.name,
      appliedName: `${f.name}-bench`,
      namespace: 'c4ang',
      action: f.effect === 'errors' ? 'pod-kill' : 'delay',
      mode: 'one',
      timeScale: 1,
      duration: { nominalMs: f.durationS * 1000, appliedMs: f.durationS * 1000 },
      injectedAt: new Date((startT + f.fromS) * 1000).toISOString(),
      recoveredAt: new Date((startT + f.fromS + f.durationS) * 1000).toISOString(),
    });
    return {
      ...chaos,
      selected: [`${f.service}-0`],
      fires: 1,
      recovered: true,
      recoveryMs: f.durationS * 1000,
    };
  });
  writeFileSync(
    path.join(runDir, 'chaos.json'),
    `${JSON.stringify({ experiments, failures: [] }, null, 2)}\n`,
  );
}

function printTable(table: readonly (readonly string[])[]): void {
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c].length)));
  console.log(
    `\nlong series: ${hours} h at ${rate} req/s, ${faults.length} faults (kept per second ± ${KEEP_MARGIN_S} s)`,
  );
  for (const row of table)
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    );
}
