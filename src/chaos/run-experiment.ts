// Runs one experiment end to end with a provider — apply (ledger first), verify injected, hold for a
// while, recover, verify recovered — and guarantees recover() on success, failure, thrown errors and
// abort (SIGINT/SIGTERM are turned into an AbortSignal by the caller). Node side.
import { InterruptedError } from '../errors.ts';
import { applyExperiment } from './apply-experiment.ts';
import type { Experiment } from './kinds/types.ts';
import type { Ledger } from './ledger.ts';
import type { ChaosRecord } from './record.ts';
import type { AppliedChaos, ChaosProvider } from './providers/types.ts';
import { INJECT_TIMEOUT_MS, VERIFY_TIMEOUT_MS } from './timeouts.ts';

export interface RunExperimentOptions {
  /** Where the experiment is recorded while it may be applied. */
  ledger: Ledger;
  runId: string;
  timeScale?: number;
  /** How long to keep the fault before recovering, ms (0 = recover right after injection). */
  holdMs?: number;
  injectTimeoutMs?: number;
  verifyTimeoutMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export async function runExperiment(
  provider: ChaosProvider,
  experiment: Experiment,
  o: RunExperimentOptions,
): Promise<ChaosRecord> {
  const log = o.log ?? (() => undefined);
  let applied: AppliedChaos | undefined;
  let failure: unknown;
  try {
    throwIfAborted(o.signal);
    applied = await applyExperiment(provider, o.ledger, experiment, {
      runId: o.runId,
      timeScale: o.timeScale ?? 1,
    });
    log(`applied ${applied.id}: ${provider.describe(experiment)}`);
    await applied.verifyInjected(o.injectTimeoutMs ?? INJECT_TIMEOUT_MS);
    log(`injected: ${applied.record().selected.join(', ') || '(nothing selected)'}`);
    await sleep(o.holdMs ?? 0, o.signal);
  } catch (error) {
    failure = error;
  } finally {
    if (applied) {
      await applied.recover();
      const report = await applied.verifyRecovered(o.verifyTimeoutMs ?? VERIFY_TIMEOUT_MS);
      log(
        report.recovered
          ? `recovered in ${report.recoveryMs} ms`
          : `NOT recovered: ${report.notReady.join(', ')}`,
      );
    }
  }
  if (failure) throw failure;
  return applied!.record();
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError(causeOf(signal));
}

/** What aborted: a signal name (`SIGINT`), also when the reason is an Error "interrupted by SIGINT". */
function causeOf(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  const text = reason instanceof Error ? reason.message : String(reason ?? 'signal');
  return text.replace(/^interrupted by /, '');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(new InterruptedError(causeOf(signal)));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
