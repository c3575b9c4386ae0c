// The local runner's `--out experimental-prometheus-rw`: samples (this thread's, tapped, and worker
// threads' snapshots) aggregate per series; every K6_PROMETHEUS_RW_PUSH_INTERVAL the series that
// changed are pushed, off the request path (a timer on the main thread, one push at a time); at the
// end of the run `close()` pushes what is left within FINAL_PUSH_TIMEOUT_MS, so a one-second smoke run
// lands too, and so does the end of a run stopped by Ctrl-C or a threshold abort (both end through the
// runner's normal exit, which closes its outputs). A failed push is a warning, never the run's end:
// its series are sent again by the next push. Runs in: Node (runner main thread).
import type { Tags } from '../../metrics/types.ts';
import type { LogLevel } from '../../vu-host.ts';
import { PushClient } from './push-client.ts';
import { redactUrl, type RemoteWriteConfig } from './rw-config.ts';
import { type MetricKind, type PromSeries, SeriesAggregator, type SeriesDelta } from './series-aggregator.ts';
import { encodeWriteRequest } from './write-request.ts';

/** How long the last push at exit may take, retries included. */
export const FINAL_PUSH_TIMEOUT_MS = 5000;
/** A periodic push gives up after this (or its interval, if shorter): the next one sends it again. */
const PERIODIC_PUSH_BUDGET_MS = 10_000;
/** Series per request: Prometheus has no hard limit, but bodies of a few MB at most keep pushes quick. */
const SERIES_PER_REQUEST = 5000;

interface OutputOptions {
  /** Type and unit of a metric (the registry's `describe`). */
  describe: (metric: string) => MetricKind | undefined;
  log: (level: LogLevel, message: string) => void;
  /** Default FINAL_PUSH_TIMEOUT_MS. */
  finalPushTimeoutMs?: number;
}

export class PrometheusRwOutput {
  readonly #config: RemoteWriteConfig;
  readonly #log: OutputOptions['log'];
  readonly #finalPushTimeoutMs: number;
  readonly #aggregator: SeriesAggregator;
  readonly #client: PushClient;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: { done: Promise<void>; abort: AbortController } | undefined;
  #failedPushes = 0;
  #closed = false;

  constructor(config: RemoteWriteConfig, options: OutputOptions) {
    this.#config = config;
    this.#log = options.log;
    this.#finalPushTimeoutMs = options.finalPushTimeoutMs ?? FINAL_PUSH_TIMEOUT_MS;
    this.#aggregator = new SeriesAggregator({
      trendStats: config.trendStats,
      staticLabels: config.staticLabels,
      describe: options.describe,
      onLimit: (max) =>
        this.#log(
          'warn',
          `prometheus remote write: more than ${max} series (tag sets); samples of further ones are not sent (are there ids in tags?)`,
        ),
    });
    this.#client = new PushClient(config);
  }

  /** Where it pushes, as k6 names its outputs in the run banner. */
  describe(): string {
    return `Prometheus remote write (${redactUrl(this.#config.serverUrl)})`;
  }

  addSample(metric: string, value: number, tags: Tags, timeMs: number): void {
    this.#aggregator.add(metric, value, tags, timeMs);
  }

  addDeltas(deltas: readonly SeriesDelta[]): void {
    this.#aggregator.merge(deltas);
  }

  start(): void {
    this.#timer = setInterval(() => {
      if (this.#inFlight === undefined)
        this.#startPush(Math.min(this.#config.pushIntervalMs, PERIODIC_PUSH_BUDGET_MS));
    }, this.#config.pushIntervalMs);
    this.#timer.unref();
  }

  /** Push what is left (bounded by FINAL_PUSH_TIMEOUT_MS) and release the connection; idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    // A push still going would hold the newest figures back: cut it short, it marks its series unsent.
    this.#inFlight?.abort.abort();
    await this.#inFlight?.done;
    this.#startPush(this.#finalPushTimeoutMs, true);
    await this.#inFlight?.done;
    if (this.#aggregator.droppedSamples > 0)
      this.#log(
        'warn',
        `prometheus remote write: ${this.#aggregator.droppedSamples} samples of series beyond the limit were not sent`,
      );
    await this.#client.close();
  }

  #startPush(budgetMs: number, final = false): void {
    const abort = new AbortController();
    const done = this.#push(Date.now() + budgetMs, abort.signal, final).finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = { done, abort };
  }

  async #push(deadlineMs: number, signal: AbortSignal, final: boolean): Promise<void> {
    const { series, unsent } = this.#aggregator.collect();
    for (let start = 0; start < series.length; start += SERIES_PER_REQUEST) {
      const chunk: PromSeries[] = series.slice(start, start + SERIES_PER_REQUEST);
      const outcome = await this.#client.push(encodeWriteRequest(chunk), deadlineMs, signal);
      if (!outcome.ok) {
        unsent();
        if (!signal.aborted) this.#pushFailed(outcome.error, final);
        return;
      }
    }
    if (this.#failedPushes > 0 && series.length > 0) {
      this.#log('info', `prometheus remote write: pushes land again (after ${this.#failedPushes} failed)`);
      this.#failedPushes = 0;
    }
  }

  /** One warning per episode of failures (every 5 s otherwise), and always for the last push. */
  #pushFailed(error: string, final: boolean): void {
    const where = redactUrl(this.#config.serverUrl);
    if (final)
      this.#log(
        'warn',
        `prometheus remote write: the last push to ${where} failed (${error}); the end of the run is missing there`,
      );
    else if (this.#failedPushes === 0)
      this.#log(
        'warn',
        `prometheus remote write: push to ${where} failed (${error}); the run goes on and the next push sends it again`,
      );
    this.#failedPushes++;
  }
}
