// The live progress line (TTY only): elapsed/total, VUs, req/s over the last second, error rate.
// Nothing is printed when the stream is not a TTY (CI logs stay clean). Drawn through the stream's
// live-line coordinator, so event lines written meanwhile print above it. Runs in: Node (main thread).
import { liveLineOf, type TextSink } from './live-line.ts';
import type { MetricRegistry } from './metrics/registry.ts';
import { formatDurationMs } from '../vu/duration.ts';

/** Elapsed and total time to a tenth of a second, k6 style: "500ms", "12.3s", "1m30s". */
const clock = (ms: number) => formatDurationMs(Math.round(ms / 100) * 100);

export interface ProgressLine {
  update(elapsedMs: number, vus: number, vusMax: number): void;
  clear(): void;
}

export function createProgressLine(
  stream: TextSink,
  registry: MetricRegistry,
  totalMs: number,
): ProgressLine {
  const live = liveLineOf(stream);
  let lastCount = 0;
  let lastMs = 0;
  return {
    update(elapsedMs, vus, vusMax) {
      const reqs = registry.get('http_reqs')?.value('count', elapsedMs) ?? 0;
      const failed = registry.get('http_req_failed')?.value('rate', elapsedMs) ?? 0;
      const rps = elapsedMs > lastMs ? ((reqs - lastCount) * 1000) / (elapsedMs - lastMs) : 0;
      lastCount = reqs;
      lastMs = elapsedMs;
      live.draw(
        `running (${clock(elapsedMs)}/${clock(totalMs)}), ${vus}/${vusMax} VUs, ${rps.toFixed(0)} req/s, ${(failed * 100).toFixed(2)}% errors`,
      );
    },
    clear() {
      live.clear();
    },
  };
}
