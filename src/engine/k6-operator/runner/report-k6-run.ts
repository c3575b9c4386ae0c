// Inside a runner pod: runs the real k6 with the arguments k6-operator gave (`run --paused
// --execution-segment … /test/<script>.js --address … --tag instance_id=<n> …`) plus `--out
// json=<pipe>`, the named pipe of k6-stream/samples-pipe.ts that this process reads as k6 writes it
// (nothing on disk; k6's stdout stays its own). Every sample goes into the streaming aggregates
// (src/engine/k6-stream), and every report interval — and once more when k6 has ended — the runner's
// results go to its log as records the harness reads back (runner-log-protocol.ts). k6's own stdout
// and stderr are passed through line by line, so they never split a record line. A SIGTERM or SIGINT
// (the pod being stopped) is handed to k6 as the SIGINT it stops gracefully on; the final report
// still follows. Runs in: Node (the harness image, as a runner pod's `k6 run`).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TimeSeriesLine } from '../../../results/timeseries-file.ts';
import { createK6StreamAggregator } from '../../k6-stream/index.ts';
import { openSamplesPipe } from '../../k6-stream/samples-pipe.ts';
import { encodeRecord, REPORT_FORMAT } from '../runner-log-protocol.ts';

export interface RunnerOptions {
  /** The real k6 binary. */
  readonly k6Bin: string;
  /** What k6-operator passed after `k6 run`. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly reportEveryMs: number;
  /** Sub-metric keys to aggregate over the whole run (the profile's threshold keys). */
  readonly submetrics: readonly string[];
  /** Writes one line of the pod's stdout (records and k6's stdout). */
  readonly writeLine: (line: string) => void;
  /** Writes one line of the pod's stderr (k6's stderr). */
  readonly writeErrorLine: (line: string) => void;
  /** Stops k6 gracefully (wired to SIGTERM/SIGINT by the entry point). */
  readonly stop: AbortSignal;
}

/** k6's arguments: the operator's, with the sample output added right after `run`. */
export function k6Arguments(args: readonly string[], samplesPath: string): string[] {
  return ['run', '--out', `json=${samplesPath}`, ...args];
}

/** Runs k6 to its end; resolves with the exit code the pod should end with (k6's own). */
export async function reportK6Run(options: RunnerOptions): Promise<number> {
  const pending: TimeSeriesLine[] = [];
  const aggregator = createK6StreamAggregator({
    submetrics: options.submetrics,
    onSeconds: (lines) => {
      pending.push(...lines);
    },
  });
  let seq = 0;
  // One series chunk and one cumulative report per interval, with the same number: the report's
  // open seconds and chunks 1..seq together are everything the runner had at that moment.
  const report = (final: boolean, k6ExitCode: number | null) => {
    seq += 1;
    if (final) aggregator.finish();
    else aggregator.flushSeconds();
    for (const line of encodeRecord({ kind: 'series', chunk: { seq, lines: pending.splice(0) } }))
      options.writeLine(line);
    const aggregates = aggregator.snapshot();
    for (const line of encodeRecord({
      kind: 'report',
      report: { format: REPORT_FORMAT, seq, final, k6ExitCode, aggregates },
    }))
      options.writeLine(line);
  };

  const pipe = await openSamplesPipe();
  const samples = aggregator.consumeStream(pipe.readable);
  const child = spawn(options.k6Bin, k6Arguments(options.args, pipe.path), {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const passThrough = (stream: Readable, write: (line: string) => void) =>
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', write);
  passThrough(child.stdout, options.writeLine);
  passThrough(child.stderr, options.writeErrorLine);
  // k6 stops gracefully on SIGINT (ends iterations, runs teardown and handleSummary), as on SIGTERM.
  const stop = () => void child.kill('SIGINT');
  options.stop.addEventListener('abort', stop, { once: true });
  const timer = setInterval(() => report(false, null), options.reportEveryMs);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      options.writeErrorLine(`c4ang-perf runner: cannot run ${options.k6Bin}: ${error.message}`);
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  clearInterval(timer);
  options.stop.removeEventListener('abort', stop);
  // k6 has exited: the pipe ends once what it wrote has been read, also when k6 never opened it.
  pipe.writerDone();
  await samples.catch((error: Error) =>
    options.writeErrorLine(`c4ang-perf runner: samples: ${error.message}`),
  );
  await pipe.remove();
  report(true, exitCode);
  return exitCode ?? 1;
}
