// `npm run target`: run the embedded C4ang stand-in in the foreground until Ctrl-C (SIGINT) or SIGTERM,
// which stop every replica and the gateway gracefully (exit 0: stopping is the normal way out).
// Busy port or bad flag → message and exit code. Runs in: Node (entry point).
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, exitCodeOf } from '../src/errors.ts';
import { startTarget } from '../src/target/index.ts';

const integer = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
};

const factor = (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100)
    throw new InvalidArgumentError('expected a number with 0 < factor ≤ 100');
  return n;
};
/** --slowdown wins over C4ANG_PERF_STANDIN_SLOWDOWN; a bad env value is a config error (104). */
const resolveSlowdown = (flag: number | undefined, env: string | undefined): number => {
  if (flag !== undefined) return flag;
  if (env === undefined) return 1;
  try {
    return factor(env);
  } catch (error) {
    throw new ConfigError('invalid environment:', [
      `C4ANG_PERF_STANDIN_SLOWDOWN: ${(error as Error).message} (got "${env}")`,
    ]);
  }
};

const program = new Command('target')
  .description('Run the embedded C4ang stand-in (gateway + six services × 2 replicas) until Ctrl-C.')
  .option('--host <address>', 'loopback address to bind', '127.0.0.1')
  .option('--port <n>', 'gateway port (0 = any free port)', integer, 8080)
  .option('--admin-port <n>', 'admin API port (0 = any free port)', integer, 8090)
  .option('--replicas <n>', 'replicas per service', integer, 2)
  .option('--restart-delay-ms <n>', 'supervisor restart delay after a replica dies', integer, 1000)
  .option(
    '--slowdown <factor>',
    "multiply every service's simulated latency (env C4ANG_PERF_STANDIN_SLOWDOWN)",
    factor,
  )
  .option('--quiet', 'print only the ready line and errors')
  .action(
    async (flags: {
      host: string;
      port: number;
      adminPort: number;
      replicas: number;
      restartDelayMs: number;
      slowdown?: number;
      quiet?: boolean;
    }) => {
      const log = flags.quiet
        ? () => {}
        : (line: string) => console.error(`${new Date().toISOString()} ${line}`);
      const slowdown = resolveSlowdown(flags.slowdown, process.env.C4ANG_PERF_STANDIN_SLOWDOWN);
      const target = await startTarget({
        host: flags.host,
        port: flags.port,
        adminPort: flags.adminPort,
        replicasPerService: flags.replicas,
        restartDelayMs: flags.restartDelayMs,
        slowdown,
        log,
      });
      console.log(
        `C4ang stand-in ready in ${target.startupMs} ms — gateway ${target.baseUrl}, admin ${target.adminUrl}` +
          (slowdown === 1 ? '' : ` (slowdown ×${slowdown})`),
      );
      console.log(`try: curl -H 'Host: api.c4ang.com' ${target.baseUrl}/api/v1/products   (Ctrl-C stops)`);
      await new Promise<void>((resolve) => {
        // Ctrl-C reaches npm, tsx and this process at once, and tsx relays it again: act on the first only.
        let stopping = false;
        const shutdown = (signal: string) => {
          if (stopping) return;
          stopping = true;
          console.error(`${signal}: stopping the stand-in…`);
          void target.stop().then(resolve);
        };
        process.on('SIGINT', () => shutdown('SIGINT'));
        process.on('SIGTERM', () => shutdown('SIGTERM'));
      });
    },
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = exitCodeOf(error);
}
