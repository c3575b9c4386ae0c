// The `require` a VU's script sees: only the k6 modules the local runner implements, one instance
// per VU (k6 gives each VU its own module instances); `awaited` hands a script the blocking-call
// transform rewrote the promise-returning sleep/http verbs. Plus the VU's console. Runs in: VU thread.
import type { Vu } from '../vu.ts';
import { createExecutionModule } from './execution.ts';
import { createHttpModule } from './http.ts';
import { createK6Module } from './k6.ts';
import { createMetricsModule } from './metrics.ts';
import { createTimersModule } from './timers.ts';

type ModuleFactory = (vu: Vu, awaited: boolean) => unknown;

const FACTORIES: Record<string, ModuleFactory> = {
  k6: createK6Module,
  'k6/http': createHttpModule,
  'k6/metrics': createMetricsModule,
  'k6/execution': createExecutionModule,
  'k6/timers': createTimersModule,
};

/** Module names a script may import in the local runner. */
export const SUPPORTED_MODULES: readonly string[] = Object.keys(FACTORIES);

export function createVuRequire(vu: Vu, awaited = false): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  return (name: string) => {
    let instance = cache.get(name);
    if (instance === undefined) {
      const factory = FACTORIES[name];
      if (!factory)
        throw new Error(
          `unsupported module '${name}' in the local runner (supported: ${SUPPORTED_MODULES.join(', ')})`,
        );
      instance = factory(vu, awaited);
      cache.set(name, instance);
    }
    return instance;
  };
}

export function createVuConsole(vu: Vu) {
  const format = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : safeJson(a))).join(' ');
  return {
    log: (...args: unknown[]) => vu.host.log('info', `${format(args)} source=console`),
    info: (...args: unknown[]) => vu.host.log('info', `${format(args)} source=console`),
    debug: (...args: unknown[]) => vu.host.log('debug', `${format(args)} source=console`),
    warn: (...args: unknown[]) => vu.host.log('warn', `${format(args)} source=console`),
    error: (...args: unknown[]) => vu.host.log('error', `${format(args)} source=console`),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
