// The ports of the stand-in a load run starts by itself: any free ones by default, which no
// Prometheus scrape config can know, so its resources cannot be measured; fixed on request
// (C4ANG_PERF_STANDIN_ADMIN_PORT for the admin API, whose `GET /metrics/cluster` is the stand-in's
// one scrape target; C4ANG_PERF_STANDIN_GATEWAY_PORT for the gateway), so a Prometheus can scrape the
// run's own stand-in. Checked before anything starts — a bad value or a port already in use is a
// problem naming the variable (exit 104) — rather than failing halfway through the start.
// Runs in: Node.
import { createServer } from 'node:net';
import { DEFAULT_TARGET } from './defaults.ts';

export const STANDIN_ADMIN_PORT_ENV = 'C4ANG_PERF_STANDIN_ADMIN_PORT';
export const STANDIN_GATEWAY_PORT_ENV = 'C4ANG_PERF_STANDIN_GATEWAY_PORT';

export interface StandinPorts {
  /** Gateway port; 0: any free port. */
  readonly port: number;
  /** Admin API port (the scrape target); 0: any free port. */
  readonly adminPort: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The ports from the environment; each problem (naming its variable) is pushed onto `problems`. */
export function resolveStandinPorts(env: Env, problems: string[]): StandinPorts {
  const port = portOf(env, STANDIN_GATEWAY_PORT_ENV, problems);
  const adminPort = portOf(env, STANDIN_ADMIN_PORT_ENV, problems);
  if (port !== 0 && port === adminPort)
    problems.push(`${STANDIN_ADMIN_PORT_ENV}: must differ from ${STANDIN_GATEWAY_PORT_ENV} (both ${port})`);
  return { port, adminPort };
}

/** A whole number 1..65535; unset or empty (a CI template left blank): 0, any free port. */
function portOf(env: Env, name: string, problems: string[]): number {
  const text = env[name];
  if (text === undefined || text === '') return 0;
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= 1 && value <= 65535) return value;
  problems.push(
    `${name}: must be a whole number 1..65535, the port the run's stand-in listens on (got "${text}")`,
  );
  return 0;
}

/**
 * One problem per fixed port that cannot be listened on now (another stand-in, `npm run target`, any
 * program), naming its variable. Probed by listening and closing at once: the start may still lose a
 * race for the port, and then fails naming the variable too (start-target's busy-port error).
 */
export async function standinPortProblems(
  ports: StandinPorts,
  host: string = DEFAULT_TARGET.host,
): Promise<string[]> {
  const fixed = [
    [STANDIN_GATEWAY_PORT_ENV, ports.port],
    [STANDIN_ADMIN_PORT_ENV, ports.adminPort],
  ] as const;
  const problems = await Promise.all(
    fixed.filter(([, port]) => port !== 0).map(([name, port]) => listenProblem(name, port, host)),
  );
  return problems.filter((problem): problem is string => problem !== undefined);
}

function listenProblem(name: string, port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EADDRINUSE'
          ? `${name}: port ${port} on ${host} is already in use (\`npm run target\` or another run?); stop what holds it, choose another port, or unset ${name}`
          : `${name}: cannot listen on ${host}:${port} (${error.code ?? error.message}); choose another port or unset ${name}`,
      ),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
