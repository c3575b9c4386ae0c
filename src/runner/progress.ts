// The live progress line (TTY only): elapsed/total, VUs, req/s over the last second, error rate.
// Nothing is printed when the stream is not a TTY (CI logs stay clean). Runs in: Node (main thread).
import type { MetricRegistry } from './metrics/registry.ts';
import { formatDurationMs } from './options/duration.ts';

export interface ProgressLine {
  update(elapsedMs: number, vus: number, vusMax: number): void;
  clear(): void;
}

export function createProgressLine(
  stream: NodeJS.WriteStream,
  registry: MetricRegistry,
  totalMs: number,
): ProgressLine {
  let lastCount = 0;
  let lastMs = 0;
  let shown = false;
  return {
    update(elapsedMs, vus, vusMax) {
      const reqs = registry.get('http_reqs')?.value('count', elapsedMs) ?? 0;
      const failed = registry.get('http_req_failed')?.value('rate', elapsedMs) ?? 0;
      const rps = elapsedMs > lastMs ? ((reqs - lastCount) * 1000) / (elapsedMs - lastMs) : 0;
      lastCount = reqs;
      lastMs = elapsedMs;
      const line = `running (${formatDurationMs(elapsedMs)}/${formatDurationMs(totalMs)}), ${vus}/${vusMax} VUs, ${rps.toFixed(0)} req/s, ${(failed * 100).toFixed(2)}% errors`;
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
