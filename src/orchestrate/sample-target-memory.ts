// Samples the embedded target's memory while load runs: each ready replica's
// `container_memory_working_set_bytes` from its Prometheus endpoint, appended to
// results/<runId>/target-metrics.ndjson, so a soak's verdict can judge memory drift. Runs in: Node.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReplicaInfo } from '../target/types.ts';

export const TARGET_METRICS_FILE = 'target-metrics.ndjson';
const METRIC = /^container_memory_working_set_bytes(?:\{[^}]*\})?\s+([0-9.eE+]+)\s*$/m;
const SCRAPE_TIMEOUT_MS = 2000;

/** One sample: Unix seconds, replica name, working set in bytes. */
export interface MemorySample {
  t: number;
  replica: string;
  bytes: number;
}

async function scrape(replica: ReplicaInfo): Promise<number | undefined> {
  try {
    const response = await fetch(replica.metricsUrl, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    const match = METRIC.exec(await response.text());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // a replica being killed or restarted: no sample this round
  }
}

/**
 * Starts sampling every `intervalMs` (at most one scrape round at a time); returns the stop function.
 * Bounded: one line per replica per interval.
 */
export function sampleTargetMemory(
  resultsDir: string,
  replicas: () => ReplicaInfo[],
  intervalMs: number,
): () => Promise<void> {
  const file = path.join(resultsDir, TARGET_METRICS_FILE);
  let round: Promise<void> = Promise.resolve();
  const sampleOnce = async () => {
    const t = Math.floor(Date.now() / 1000);
    const ready = replicas().filter((r) => r.state === 'ready');
    const values = await Promise.all(ready.map(scrape));
    const lines = ready
      .map((r, i) => ({ t, replica: r.name, bytes: values[i] }))
      .filter((s): s is MemorySample => s.bytes !== undefined)
      .map((s) => `${JSON.stringify(s)}\n`);
    if (lines.length) await appendFile(file, lines.join(''));
  };
  const timer = setInterval(() => {
    round = round.then(sampleOnce, sampleOnce);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await round.catch(() => undefined);
  };
}
