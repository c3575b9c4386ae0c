// Turns the runners' results into the run folder's engine artefacts, as one k6 would have left them:
// the runners' cumulative aggregates merged (histograms added, never percentiles averaged), the
// profile's thresholds judged once on the whole load, summary.json and summary.txt written by the
// scenario's own handleSummary code, and the runners' series merged into timeseries.ndjson. Also
// runners.json: each runner, how it ended and what of its results arrived. Runs in: Node.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TimeSeriesWriter } from '../../results/timeseries-file.ts';
import { parseVuEnv } from '../../vu/env.ts';
import { buildOptions, type Scales } from '../../vu/options.ts';
import { PROFILES, type ProfileName } from '../../vu/profiles.ts';
import type { SummaryData as VuSummaryData } from '../../vu/summary-data.ts';
import { createSummaryHandler } from '../../vu/summary.ts';
import {
  evaluateThresholds,
  mergeAggregates,
  type SerializedAggregates,
  summaryFromAggregates,
} from '../k6-stream/index.ts';
import type { CollectedRunner } from './collect-runners.ts';
import { mergeRunnerSeries, readSeriesFile, type SeriesSource } from './merge-runner-series.ts';
import { runnerFailure } from './runner-pods.ts';

export const RUNNERS_FILE = 'runners.json';
/** Gauges whose runner values add up to the run's: each runner holds its share of the VUs. */
const SUMMED_GAUGES = ['vus', 'vus_max'];

export interface MergeInputs {
  readonly runners: readonly CollectedRunner[];
  readonly profile: ProfileName;
  readonly scales: Scales;
  /** The harness's VU env (RUN_ID, BASE_URL, RESULTS_DIR = the run folder), for the summary's c4ang block. */
  readonly env: Readonly<Record<string, string>>;
  readonly resultsDir: string;
  readonly timeSeriesPath: string;
  /** Print the text summary on stdout, as k6 does. */
  readonly printSummary: boolean;
}

export interface MergeOutcome {
  /** Runners whose aggregates are in the summary. */
  readonly reported: number;
  /** A threshold failed on the merged load (k6 would exit 99). */
  readonly thresholdsFailed: boolean;
}

export async function writeMergedResults(inputs: MergeInputs): Promise<MergeOutcome> {
  const withReport = inputs.runners.filter((r) => r.results.latest);
  await writeRunnersFile(inputs);
  if (withReport.length === 0) return { reported: 0, thresholdsFailed: false };
  const snapshots = withReport.map((r) => r.results.latest!.aggregates);
  const aggregates = mergeAggregates(snapshots);
  const options = buildOptions(PROFILES[inputs.profile], inputs.scales);
  const thresholds = options.thresholds as Parameters<typeof evaluateThresholds>[1];
  const results = evaluateThresholds(aggregates, thresholds);
  const summary = summaryFromAggregates(aggregates, {
    thresholdResults: results,
    summaryTrendStats: options.summaryTrendStats as string[],
  });
  sumGauges(summary.metrics, snapshots);
  const handle = createSummaryHandler(PROFILES[inputs.profile], parseVuEnv(inputs.env), inputs.scales);
  const files = handle(summary as unknown as VuSummaryData);
  for (const [file, text] of Object.entries(files)) {
    if (file === 'stdout') {
      if (inputs.printSummary) process.stdout.write(text);
    } else await writeFile(file, text);
  }
  await writeSeries(inputs, withReport);
  return { reported: withReport.length, thresholdsFailed: results.some((r) => !r.ok) };
}

/** Each runner's covered series chunks, then the seconds its newest report still held open. */
async function writeSeries(inputs: MergeInputs, runners: readonly CollectedRunner[]): Promise<void> {
  const sources: SeriesSource[] = [];
  for (const { results } of runners) {
    sources.push(readSeriesFile(results.seriesFile, results.seriesBytesCovered()));
    sources.push(
      mergeAggregates([results.latest!.aggregates]).takeCompletedSeconds(Number.POSITIVE_INFINITY),
    );
  }
  const writer = new TimeSeriesWriter(inputs.timeSeriesPath);
  try {
    await mergeRunnerSeries(sources, writer);
  } finally {
    await writer.close();
  }
  // The runners' own files were only the way there.
  const folders = new Set(runners.map(({ results }) => path.dirname(results.seriesFile)));
  await Promise.all([...folders].map((folder) => rm(folder, { recursive: true, force: true })));
}

function sumGauges(
  metrics: Record<string, { values: Record<string, number> }>,
  snapshots: readonly SerializedAggregates[],
): void {
  for (const name of SUMMED_GAUGES) {
    const metric = metrics[name];
    if (!metric) continue;
    const totals = { value: 0, min: 0, max: 0 };
    for (const snapshot of snapshots) {
      const sink = snapshot.metrics.find((m) => m.name === name)?.sink;
      if (sink?.kind !== 'gauge' || sink.count === 0) continue;
      totals.value += sink.value;
      totals.min += sink.min;
      totals.max += sink.max;
    }
    metric.values = { ...metric.values, ...totals };
  }
}

async function writeRunnersFile(inputs: MergeInputs): Promise<void> {
  const runners = inputs.runners.map(({ results, pod }) => ({
    pod: results.pod,
    instance: results.instance ?? null,
    phase: pod?.phase ?? 'unknown',
    exitCode: pod?.exitCode ?? null,
    reason: pod?.reason ?? null,
    failure: pod ? (runnerFailure(pod) ?? null) : 'not seen at the end',
    report: results.latest
      ? { seq: results.latest.seq, final: results.latest.final, samples: results.latest.aggregates.samples }
      : null,
    seriesChunks: results.chunks,
    missingSeriesChunks: results.missingChunks,
    badRecords: results.badRecords,
  }));
  await writeFile(path.join(inputs.resultsDir, RUNNERS_FILE), `${JSON.stringify({ runners }, null, 2)}\n`);
}
