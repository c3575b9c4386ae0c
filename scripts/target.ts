// `npm run target`: run the embedded C4ang stand-in in the foreground until Ctrl-C (SIGINT) or SIGTERM,
// which stop every replica and the gateway gracefully (exit 0: stopping is the normal way out).
// Busy port or bad flag → message and exit code. Runs in: Node (entry point).
import { Command } from 'commander';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';
import { ConfigError } from '../src/errors.ts';
import { startTarget } from '../src/target/index.ts';
import { describeStandinV2, parseStandinV2, STANDIN_V2_ENV, withV2Header } from '../src/target/standin-v2.ts';
import { describeStandinSecurity } from '../src/target/security/standin-security.ts';
import { type SecurityFlags, securityFromTargetFlags } from '../src/target/security/target-flags.ts';

interface TargetFlags extends SecurityFlags {
  host: string;
  port: string;
  adminPort: string;
  replicas: string;
  restartDelayMs: string;
  slowdown?: string;
  v2?: string;
  quiet?: boolean;
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/**
 * Every flag (and C4ANG_PERF_STANDIN_SLOWDOWN, _SECURITY) checked at once, each problem naming its flag, before
 * anything starts: a bad value is a config error (104). --slowdown wins over the env var.
 */
function checkTargetFlags(flags: TargetFlags, envSlowdown: string | undefined, env = process.env) {
  const problems: string[] = [];
  const whole = (label: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (/^\d+$/.test(text) && value >= min && value <= max) return value;
    problems.push(`${label}: must be a whole number ${min}..${max} (got "${text}")`);
    return undefined;
  };
  const factor = (label: string, text: string) => {
    const value = Number(text);
    if (text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 100) return value;
    problems.push(`${label}: must be a number with 0 < factor ≤ 100 (got "${text}")`);
    return undefined;
  };
  if (!LOOPBACK.includes(flags.host))
    problems.push(`--host: must be a loopback address, one of ${LOOPBACK.join(', ')} (got "${flags.host}")`);
  const port = whole('--port', flags.port, 0, 65535);
  const adminPort = whole('--admin-port', flags.adminPort, 0, 65535);
  if (port !== undefined && port !== 0 && port === adminPort)
    problems.push(`--admin-port: must differ from --port (both ${port})`);
  const replicas = whole('--replicas', flags.replicas, 1, 5);
  const restartDelayMs = whole('--restart-delay-ms', flags.restartDelayMs, 0, 600_000);
  const slowdown =
    flags.slowdown !== undefined
      ? factor('--slowdown', flags.slowdown)
      : envSlowdown !== undefined
        ? factor('C4ANG_PERF_STANDIN_SLOWDOWN', envSlowdown)
        : 1;
  // --security, --auth, --rate-limit, --cors-origin, --scrub-errors, C4ANG_PERF_STANDIN_SECURITY.
  const security = securityFromTargetFlags(flags, env, problems);
  // --v2 (or C4ANG_PERF_STANDIN_V2): a v2 of one service, routed on the plan's x-version: v2.
  const v2 = parseStandinV2(
    flags.v2 ?? env[STANDIN_V2_ENV],
    flags.v2 !== undefined ? '--v2' : STANDIN_V2_ENV,
    problems,
  );
  if (
    problems.length > 0 ||
    port === undefined ||
    adminPort === undefined ||
    replicas === undefined ||
    restartDelayMs === undefined ||
    slowdown === undefined
  )
    throw new ConfigError('invalid flags:', problems);
  return { host: flags.host, port, adminPort, replicas, restartDelayMs, slowdown, v2, ...security };
}

const program = new Command('target')
  .description('Run the embedded C4ang stand-in (gateway + six services × 2 replicas) until Ctrl-C.')
  .option('--host <address>', 'loopback address to bind', '127.0.0.1')
  .option('--port <n>', 'gateway port (0 = any free port)', '8080')
  .option('--admin-port <n>', 'admin API port (0 = any free port)', '8090')
  .option('--replicas <n>', 'replicas per service (1..5)', '2')
  .option('--restart-delay-ms <n>', 'supervisor restart delay after a replica dies', '1000')
  .option(
    '--slowdown <factor>',
    "multiply every service's simulated latency, 0 < factor ≤ 100 (env C4ANG_PERF_STANDIN_SLOWDOWN)",
  )
  .option('--security', 'every security rule on (env C4ANG_PERF_STANDIN_SECURITY=on)')
  .option('--auth', 'bearer auth at the gateway: AUTH_TOKEN, or a development token printed at start')
  .option(
    '--rate-limit <n>',
    'token bucket per client: n requests per second, bursts of n (429 + Retry-After)',
  )
  .option(
    '--cors-origin <origin>',
    'CORS policy allowing this origin (repeatable); others get no CORS header',
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .option('--scrub-errors', 'error bodies without stack traces or internals')
  .option(
    '--v2 <spec>',
    'a v2 of one service on header x-version: v2: <service>[,slowdown=<factor>][,errors=<percent>] (env C4ANG_PERF_STANDIN_V2)',
  )
  .option('--quiet', 'print only the ready line and errors')
  .action(async (flags: TargetFlags) => {
    const checked = checkTargetFlags(flags, process.env.C4ANG_PERF_STANDIN_SLOWDOWN);
    const { slowdown } = checked;
    const log = flags.quiet
      ? () => {}
      : (line: string) => console.error(`${new Date().toISOString()} ${line}`);
    const target = await startTarget({
      host: checked.host,
      port: checked.port,
      adminPort: checked.adminPort,
      replicasPerService: checked.replicas,
      restartDelayMs: checked.restartDelayMs,
      slowdown,
      ...(checked.security ? { security: checked.security } : {}),
      ...(checked.v2 ? { v2: withV2Header(checked.v2) } : {}),
      log,
    });
    console.log(
      `C4ang stand-in ready in ${target.startupMs} ms — gateway ${target.baseUrl}, admin ${target.adminUrl}` +
        (slowdown === 1 ? '' : ` (slowdown ×${slowdown})`),
    );
    if (checked.security) console.log(`security: ${describeStandinSecurity(checked.security)}`);
    if (checked.v2) console.log(`canary: ${describeStandinV2(withV2Header(checked.v2))}`);
    // A development token is this stand-in's only credential, made for this process: shown to use it.
    const auth = checked.devToken
      ? ` -H 'Authorization: Bearer ${checked.devToken}'`
      : checked.security?.authToken
        ? ` -H "Authorization: Bearer $AUTH_TOKEN"`
        : '';
    console.log(
      `try: curl -H 'Host: api.c4ang.com'${auth} ${target.baseUrl}/api/v1/products   (Ctrl-C stops)`,
    );
    // Ctrl-C, SIGTERM or the parent's death stop it gracefully; a second Ctrl-C exits at once (the
    // replicas exit with their parent).
    const interrupt = startInterrupts((line) => console.error(line), { stopping: 'stopping the stand-in…' });
    await new Promise<void>((resolve) =>
      interrupt.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    await target.stop();
    interrupt.dispose();
  });

runScript(program, (line) => console.error(line));
