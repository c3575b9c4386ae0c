// Shrinks a long run's time series once the run is over: the first hour and the kept windows (chaos
// faults with a margin) stay per second, the rest becomes one line per coarse span (default a minute)
// and (metric, tag set), and the result is gzip-compressed. Streams line by line, so memory holds one
// or two coarse spans of tag sets, never the file; the original goes only once the compacted file is
// complete on disk. Runs in: Node (orchestration, at the end of a run; benchmarks).
import { createWriteStream } from 'node:fs';
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { HarnessError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { CoarseLine } from './coarse-line.ts';
import { isGzipFile, readTimeSeriesText, type TimeSeriesLine } from './timeseries-file.ts';

/** A span of the run to keep per second, Unix ms [fromMs, toMs). */
interface KeptWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

interface CompactOptions {
  /** Spans kept per second, e.g. each chaos fault ± a margin. Widened to whole coarse spans. */
  readonly keepPerSecond?: readonly KeptWindow[];
  /** Seconds from the first line kept per second; default 3600. Shorter runs are left as they are. */
  readonly fullResolutionS?: number;
  /** Seconds per coarse line after that; default 60. */
  readonly coarseS?: number;
}

interface CompactResult {
  /** The series to read from now on: the compacted `.gz` file, or the input when left as it was. */
  readonly path: string;
  readonly compacted: boolean;
  readonly linesIn: number;
  readonly linesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/** Bytes read from each end of the file to find its first and last second. */
const PEEK_BYTES = 64 * 1024;
/** Text handed to gzip per chunk. */
const CHUNK_CHARS = 256 * 1024;
const LEADING_T = /^\{"t":(\d+)[,}]/;

export async function compactTimeSeries(path: string, options: CompactOptions = {}): Promise<CompactResult> {
  const fullResolutionS = options.fullResolutionS ?? 3600;
  const coarseS = options.coarseS ?? 60;
  if (!Number.isInteger(fullResolutionS) || fullResolutionS < 0)
    throw new RangeError(`fullResolutionS must be a whole number of seconds ≥ 0 (got ${fullResolutionS})`);
  if (!Number.isInteger(coarseS) || coarseS < 1)
    throw new RangeError(`coarseS must be a whole number of seconds ≥ 1 (got ${coarseS})`);

  const bytesIn = (await stat(path)).size;
  const unchanged: CompactResult = {
    path,
    compacted: false,
    linesIn: 0,
    linesOut: 0,
    bytesIn,
    bytesOut: bytesIn,
  };
  if (await isGzipFile(path)) return unchanged; // compacted already
  const range = await secondsSpanned(path);
  if (!range || range.lastT - range.firstT + 1 <= fullResolutionS) return unchanged;

  const plan = { ...range, fullResolutionS, coarseS, keep: options.keepPerSecond ?? [] };
  // A plain file already named .gz is replaced in place by the rename.
  const target = path.endsWith('.gz') ? path : `${path}.gz`;
  const partial = `${target}.partial`;
  const counts = { linesIn: 0, linesOut: 0 };
  try {
    await pipeline(compactedText(path, plan, counts), createGzip(), createWriteStream(partial));
    await syncToDisk(partial);
    await rename(partial, target);
    await syncToDisk(dirname(target));
  } catch (error) {
    await rm(partial, { force: true });
    throw new HarnessError(`cannot compact the time series ${path}`, ExitCode.internal, { cause: error });
  }
  if (target !== path) await rm(path);
  return { path: target, compacted: true, ...counts, bytesIn, bytesOut: (await stat(target)).size };
}

interface Plan {
  firstT: number;
  lastT: number;
  fullResolutionS: number;
  coarseS: number;
  keep: readonly KeptWindow[];
}

/** The start of the coarse span second `t` merges into, or undefined when `t` stays per second. */
function coarseStartOf(t: number, plan: Plan): number | undefined {
  const coarseFrom = plan.firstT + plan.fullResolutionS;
  if (t < coarseFrom) return undefined;
  const start = coarseFrom + Math.floor((t - coarseFrom) / plan.coarseS) * plan.coarseS;
  const endMs = (start + plan.coarseS) * 1000;
  for (const w of plan.keep) if (start * 1000 < w.toMs && endMs > w.fromMs) return undefined;
  return start;
}

/**
 * The compacted series as text chunks. Coarse spans are written once the input has moved past them;
 * a straggler line for a span already written starts a second line for that span (sums stay right).
 */
async function* compactedText(
  path: string,
  plan: Plan,
  counts: { linesIn: number; linesOut: number },
): AsyncIterable<string> {
  const pending = new Map<number, Map<string, CoarseLine>>();
  let out = '';
  const flush = (before: number): void => {
    for (const [start, series] of pending) {
      if (start + plan.coarseS > before) continue;
      for (const coarse of series.values()) out += `${JSON.stringify(coarse.toLine())}\n`;
      counts.linesOut += series.size;
      pending.delete(start);
    }
  };
  for await (const text of readTimeSeriesText(path)) {
    counts.linesIn++;
    const t = secondOf(text);
    if (pending.size > 0) flush(t);
    const start = coarseStartOf(t, plan);
    if (start === undefined) {
      out += `${text}\n`;
      counts.linesOut++;
    } else {
      const line = JSON.parse(text) as TimeSeriesLine;
      let series = pending.get(start);
      if (!series) {
        series = new Map();
        pending.set(start, series);
      }
      const key = seriesKey(line);
      let coarse = series.get(key);
      if (!coarse) {
        coarse = new CoarseLine(start, Math.min(plan.coarseS, plan.lastT + 1 - start), line);
        series.set(key, coarse);
      }
      coarse.add(line);
    }
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  flush(Number.POSITIVE_INFINITY);
  if (out) yield out;
}

/** The line's second, or undefined when the line is not readable (torn). */
function leadingSecond(text: string): number | undefined {
  try {
    return secondOf(text);
  } catch {
    return undefined;
  }
}

function secondOf(text: string): number {
  const match = LEADING_T.exec(text);
  return match ? Number(match[1]) : (JSON.parse(text) as TimeSeriesLine).t;
}

function seriesKey(line: TimeSeriesLine): string {
  const tags = Object.keys(line.tags)
    .sort()
    .map((name) => `${name}=${line.tags[name]}`);
  return `${line.metric}\u0000${tags.join('\u0000')}`;
}

/** First and last second of a plain series, from its first and last lines; undefined when empty. */
async function secondsSpanned(path: string): Promise<{ firstT: number; lastT: number } | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, PEEK_BYTES));
    await file.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, PEEK_BYTES));
    await file.read(tail, 0, tail.length, size - tail.length);
    const first = head
      .toString('utf8')
      .split('\n')
      .find((text) => text.trim() !== '');
    // A crash mid-write can leave the last line torn: the last line with a readable second counts.
    const tailLines = tail.toString('utf8').split('\n').reverse();
    const lastT = tailLines.map(leadingSecond).find((t) => t !== undefined);
    const firstT = first === undefined ? undefined : leadingSecond(first);
    return firstT === undefined || lastT === undefined ? undefined : { firstT, lastT };
  } finally {
    await file.close();
  }
}

/**
 * Flushes a file's data, or a directory's entries (making a rename durable), to disk. fsync acts on
 * the file, not the descriptor, so a fresh one will do. A no-op where directories cannot be synced.
 */
async function syncToDisk(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    // Windows and some file systems refuse to sync a directory; a file must sync.
    if ((await stat(path)).isFile()) throw error;
  } finally {
    await handle?.close();
  }
}
