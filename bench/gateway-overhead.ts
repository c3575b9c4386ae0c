// `npm run bench:gateway`: the gateway's overhead, measured with autocannon against the same cheap
// operation (GET /api/v1/products/{id}, zero simulated latency) through the gateway and directly on one
// replica, in one run, side by side, at 1 connection (latency added per hop) and at N connections
// (saturation: on 2 cores, load generator, gateway and replicas share the CPU). Also the gateway's own
// CPU time per request. Flags: --duration <s> (default 10), --connections <n> (default 32).
// Runs in: Node (benchmark entry point).
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { startTarget } from '../src/target/index.ts';
import { DEFAULT_API_HOST } from '../src/vu/env.ts';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const program = new Command('bench:gateway')
  .option('--duration <s>', 'seconds per measurement', (v) => Number(v), 10)
  .option('--connections <n>', 'concurrent connections', (v) => Number(v), 32)
  .parse(process.argv);
const { duration, connections } = program.opts<{ duration: number; connections: number }>();
const PATH = '/api/v1/products/p-0001';
const zeroLatency = { product_read: { baseMs: 0, jitterMs: 0 } };

interface Row {
  name: string;
  connections: number;
  result: AutocannonResult;
  /** Gateway CPU per request, ms (gateway rows only). */
  gatewayCpuMs?: number;
}
const rows: Row[] = [];

async function gatewayCpuSeconds(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/stats/prometheus`)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

async function measure(name: string, url: string, gatewayUrl?: string): Promise<void> {
  await autocannon({ url, connections, duration: 2, headers: { host: DEFAULT_API_HOST } }); // warm-up
  for (const c of [1, connections]) {
    const cpuBefore = gatewayUrl ? await gatewayCpuSeconds(gatewayUrl) : 0;
    const result = await autocannon({ url, connections: c, duration, headers: { host: DEFAULT_API_HOST } });
    const total = result.requests.average * duration;
    const gatewayCpuMs = gatewayUrl
      ? (((await gatewayCpuSeconds(gatewayUrl)) - cpuBefore) * 1000) / total
      : undefined;
    rows.push({ name, connections: c, result, gatewayCpuMs });
  }
}

for (const [label, maxRequestsPerConnection] of [
  ['gateway (DestinationRule: 2 req/conn)', 2],
  ['gateway (upstream keep-alive)', 0],
] as const) {
  const target = await startTarget({
    port: 0,
    adminPort: 0,
    latency: zeroLatency,
    policy: { maxRequestsPerConnection },
  });
  try {
    await measure(label, `${target.baseUrl}${PATH}`, target.baseUrl);
    if (maxRequestsPerConnection === 2) {
      const replica = target.replicas().find((r) => r.service === 'product-service')!;
      await measure(`direct replica ${replica.name}`, `http://127.0.0.1:${replica.port}${PATH}`);
    }
  } finally {
    await target.stop();
  }
}

console.log(
  `\nGET ${PATH}, ${duration} s each, ${process.platform} ${process.arch}, Node ${process.version}\n`,
);
console.log(
  '| path | conns | req/s | p50 ms | p99 ms | non-2xx | errors | gateway CPU ms/req | overhead vs direct (p50 / req/s) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const { name, connections: c, result, gatewayCpuMs } of rows.sort(
  (a, b) => a.connections - b.connections,
)) {
  const direct = rows.find((r) => r.name.startsWith('direct') && r.connections === c)!.result;
  const overhead =
    result === direct
      ? '—'
      : `+${(result.latency.p50 - direct.latency.p50).toFixed(2)} ms / ${((1 - result.requests.average / direct.requests.average) * 100).toFixed(0)} % fewer`;
  const cpu = gatewayCpuMs === undefined ? '—' : gatewayCpuMs.toFixed(3);
  console.log(
    `| ${name} | ${c} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors} | ${cpu} | ${overhead} |`,
  );
}
