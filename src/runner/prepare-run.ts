// Before any load: bundle the script, make its blocking k6 calls wait per VU where the transform can
// (blocking-calls/: else the blocking path, or 107 under strict mode), compile it, run its init
// context once to read `options` and the exported functions, and resolve/validate everything (exit
// 104 on invalid options, 107 on a script that fails to load or throws in init).
// Runs in: Node (runner main thread).
import { resolve } from 'node:path';
import { EngineError, HarnessError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { BlockingCallsOutcome } from './blocking-calls/await-blocking-calls.ts';
import { prepareBlockingCalls } from './blocking-calls/blocking-fallback.ts';
import { CheckTree } from './check-tree.ts';
import { HealthCounters } from './generator-health.ts';
import { createHttpAgent } from './http/http-agent.ts';
import { SyncHttpClient } from './http/sync-http-client.ts';
import { bundleScript, type CompiledScript, compileScript, instantiateScript } from './load-script.ts';
import { MetricRegistry } from './metrics/registry.ts';
import type { ShortcutOverrides } from './options/derive-scenarios.ts';
import { type ResolvedOptions, resolveOptions } from './options/resolve-options.ts';
import { declareMetrics } from './thread-runner.ts';
import { formatError, Vu } from './vu.ts';
import type { VuHost } from './vu-host.ts';

export interface PreparedRun {
  code: string;
  script: CompiledScript;
  resolved: ResolvedOptions;
  registry: MetricRegistry;
  env: Record<string, string>;
  /** The VU that ran the init context (__VU 0): its exports (handleSummary) serve a summary computed elsewhere. */
  initContextVu: Vu;
  /** What the blocking-call transform did: nothing to do, rewrote the script, or fell back (and why). */
  blockingCalls: BlockingCallsOutcome;
}

export interface PrepareInput {
  scriptPath: string;
  env: Record<string, string>;
  overrides: ShortcutOverrides;
  cliTags?: Record<string, string>;
  summaryTrendStats?: string[];
  timeSeries: boolean;
  hooks: Pick<VuHost, 'log' | 'abortTest' | 'noteSleepUsed' | 'noteSyncHttpUsed'>;
  /** Refuse (107) a script whose blocking calls cannot all be made to wait per VU, instead of falling back. */
  strictBlocking?: boolean;
}

/** Instantiate the script for `vu`, mapping any exception to a script error (exit 107). */
export function initVu(script: CompiledScript, vu: Vu): void {
  try {
    instantiateScript(script, vu);
  } catch (error) {
    if (error instanceof HarnessError && error.exitCode === ExitCode.scriptError) throw error;
    throw new EngineError(
      `script exception in the init context of ${script.path}: ${formatError(error)}`,
      ExitCode.scriptError,
      { cause: error },
    );
  }
}

export async function prepareRun(input: PrepareInput): Promise<PreparedRun> {
  const blockingCalls = await prepareBlockingCalls(
    await bundleScript(input.scriptPath),
    resolve(input.scriptPath),
    !!input.strictBlocking,
  );
  const code = blockingCalls.code;
  let script: CompiledScript;
  try {
    script = compileScript(input.scriptPath, code, blockingCalls.kind === 'awaited');
  } catch (error) {
    throw new EngineError(`cannot compile ${input.scriptPath}: ${formatError(error)}`, ExitCode.scriptError, {
      cause: error,
    });
  }
  const registry = new MetricRegistry({ timeSeries: input.timeSeries });
  const agent = createHttpAgent();
  const host: VuHost = {
    registry,
    checks: new CheckTree(),
    agent,
    // The init context cannot make requests (k6 rule), so this helper never starts.
    syncHttp: new SyncHttpClient(),
    globalTags: {},
    options: {},
    discardResponseBodies: false,
    testStartMs: 0,
    counters: { vusActive: 0, vusInitialized: 0, iterationsCompleted: 0, iterationsInterrupted: 0 },
    health: new HealthCounters(),
    ...input.hooks,
  };
  const vu = new Vu(host, 0, 0, Object.freeze({ ...input.env }));
  try {
    initVu(script, vu);
  } finally {
    await agent.close();
  }
  const options = (vu.exports.options ?? {}) as Record<string, unknown>;
  const exportedFunctions = Object.keys(vu.exports).filter((k) => typeof vu.exports[k] === 'function');
  const resolved = resolveOptions({
    scriptOptions: options,
    overrides: input.overrides,
    cliTags: input.cliTags,
    summaryTrendStats: input.summaryTrendStats,
    exportedFunctions,
    knownMetric: (name) => registry.typeOf(name),
    scriptPath: input.scriptPath,
  });
  declareMetrics(registry, resolved.thresholdKeys);
  return { code, script, resolved, registry, env: input.env, initContextVu: vu, blockingCalls };
}
