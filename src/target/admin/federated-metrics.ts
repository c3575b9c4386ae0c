// `GET /metrics/cluster` of the admin API: one scrape target for the whole stand-in — the
// kube-state-style series plus every replica's cAdvisor-style `container_*` series (they already
// carry namespace/pod/container labels) — because replicas listen on ports chosen at start, which a
// Prometheus scrape config cannot know. Point one scrape job at it and the platform's resource
// queries run unchanged. Runs in: Node (parent).
import type { ReplicaInfo } from '../types.ts';
import { renderClusterMetrics } from './cluster-metrics.ts';

/** A replica that does not answer within this is left out of the scrape, like a pod cAdvisor lost. */
const REPLICA_SCRAPE_TIMEOUT_MS = 1000;
/** Families taken from replicas: cAdvisor's. Others (http_*, process_*) carry no pod label to tell replicas apart. */
const FEDERATED_PREFIX = 'container_';

interface Family {
  help: string;
  type: string;
  samples: string[];
}

/**
 * Families of Prometheus text as our own registry writes it (`# HELP`, `# TYPE`, then its samples),
 * merged into `into` by name. A small reader of our own format rather than a general parser: the
 * text comes only from src/target/metrics.ts.
 */
export function mergeFamilies(
  text: string,
  into: Map<string, Family>,
  keep: (name: string) => boolean,
): void {
  let current: Family | undefined;
  for (const line of text.split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!keep(name)) {
        current = undefined;
        continue;
      }
      current = into.get(name) ?? { help: '', type: 'untyped', samples: [] };
      into.set(name, current);
      if (kind === 'HELP') current.help = rest;
      else current.type = rest;
      continue;
    }
    if (current && line.trim() !== '' && !line.startsWith('#')) current.samples.push(line);
  }
}

function renderFamilies(families: Map<string, Family>): string {
  const lines: string[] = [];
  for (const [name, family] of families)
    lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`, ...family.samples);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

async function scrapeReplica(replica: ReplicaInfo): Promise<string> {
  if (!replica.metricsUrl || replica.pid === 0) return '';
  try {
    const response = await fetch(replica.metricsUrl, {
      signal: AbortSignal.timeout(REPLICA_SCRAPE_TIMEOUT_MS),
    });
    return response.ok ? await response.text() : '';
  } catch {
    return ''; // killed or restarting: no sample this scrape
  }
}

export async function renderFederatedMetrics(replicas: readonly ReplicaInfo[]): Promise<string> {
  const texts = await Promise.all(replicas.map(scrapeReplica));
  const families = new Map<string, Family>();
  for (const text of texts) mergeFamilies(text, families, (name) => name.startsWith(FEDERATED_PREFIX));
  return renderClusterMetrics(replicas) + renderFamilies(families);
}
