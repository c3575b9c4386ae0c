// One time series from the runners' series, as if one k6 had produced the whole load: the runners'
// lines are read in time order together (each runner's lines are already in order), the tags
// k6-operator adds to tell runners apart (instance_id, testrun_name) are dropped, and the lines that
// then share a second, metric and tag set are merged — counts, rates and latency buckets added
// exactly (results/coarse-line.ts), and gauges summed, because each runner's `vus` is its share of
// the VUs running at that moment. Runs in: Node.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CoarseLine } from '../../results/coarse-line.ts';
import type { TimeSeriesLine, TimeSeriesWriter } from '../../results/timeseries-file.ts';

/** Tags k6-operator puts on every sample of a runner (`--tag instance_id=<n> --tag testrun_name=<name>`). */
export const RUNNER_TAGS = ['instance_id', 'testrun_name'] as const;

/** The lines of a series file up to `endByte` (the part a runner's newest report covers). */
export async function* readSeriesFile(file: string, endByte: number): AsyncGenerator<TimeSeriesLine> {
  if (endByte <= 0) return;
  const input = createReadStream(file, { start: 0, end: endByte - 1 });
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }))
    if (text.trim() !== '') yield JSON.parse(text) as TimeSeriesLine;
}

async function* fromArray(lines: readonly TimeSeriesLine[]): AsyncGenerator<TimeSeriesLine> {
  yield* lines;
}

export type SeriesSource = AsyncIterable<TimeSeriesLine> | readonly TimeSeriesLine[];

/** Merges the runners' series into `writer`; returns the number of lines written. */
export async function mergeRunnerSeries(
  sources: readonly SeriesSource[],
  writer: TimeSeriesWriter,
): Promise<number> {
  const iterators = sources.map((source) =>
    (Array.isArray(source)
      ? fromArray(source as TimeSeriesLine[])
      : (source as AsyncIterable<TimeSeriesLine>))[Symbol.asyncIterator](),
  );
  const heads = await Promise.all(
    iterators.map(async (it) => (await it.next()).value as TimeSeriesLine | undefined),
  );
  let written = 0;
  for (;;) {
    let t = Number.POSITIVE_INFINITY;
    for (const head of heads) if (head && head.t < t) t = head.t;
    if (t === Number.POSITIVE_INFINITY) return written;
    const second: TimeSeriesLine[] = [];
    for (let i = 0; i < heads.length; i++) {
      while (heads[i] && heads[i]!.t === t) {
        second.push(heads[i]!);
        heads[i] = (await iterators[i]!.next()).value as TimeSeriesLine | undefined;
      }
    }
    const merged = mergeOneSecond(second);
    writer.writeSeconds(merged);
    written += merged.length;
  }
}

/** Lines of one second from every runner → one line per metric and tag set (runner tags dropped). */
export function mergeOneSecond(lines: readonly TimeSeriesLine[]): TimeSeriesLine[] {
  const groups = new Map<string, TimeSeriesLine[]>();
  for (const line of lines) {
    const tags = withoutRunnerTags(line.tags);
    const stripped = { ...line, tags };
    const key = `${line.metric}|${line.span ?? 1}|${JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    const group = groups.get(key);
    if (group) group.push(stripped);
    else groups.set(key, [stripped]);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? group[0]! : mergeGroup(group)));
}

function mergeGroup(group: readonly TimeSeriesLine[]): TimeSeriesLine {
  const first = group[0]!;
  if (first.type === 'gauge') {
    const sum = (key: string) =>
      group.reduce((total, line) => total + (line.values[key] ?? line.values.value ?? 0), 0);
    return { ...first, values: { value: sum('value'), min: sum('min'), max: sum('max') } };
  }
  const coarse = new CoarseLine(first.t, first.span ?? 1, first);
  for (const line of group) coarse.add(line);
  const merged = coarse.toLine();
  // A one-second line carries no span, as either engine writes it.
  if (first.span === undefined) delete merged.span;
  return merged;
}

function withoutRunnerTags(tags: TimeSeriesLine['tags']): TimeSeriesLine['tags'] {
  if (!RUNNER_TAGS.some((tag) => tag in tags)) return tags;
  const copy = { ...tags };
  for (const tag of RUNNER_TAGS) delete copy[tag];
  return copy;
}
