// Phase 2, clean leftovers: what crashed runs left behind is undone before this run starts anything —
// chaos still applied (from the ledger), k6-operator runs still in the cluster (their own ledger) and
// stand-in or k6 processes still running (from the live-run files); their run folders are marked
// `crashed`. Starts nothing. Runs in: Node.
import { cleanLeftovers } from '../../chaos/index.ts';
import type { RunConfig } from '../../config.ts';
import { cleanOperatorLeftovers } from '../../engine/k6-operator/operator-ledger.ts';
import { ChaosError, EngineError } from '../../errors.ts';
import { reapCrashedRuns } from '../live-runs.ts';

export async function cleanCrashLeftovers(config: RunConfig, log: (line: string) => void): Promise<void> {
  await reapCrashedRuns(config.resultsRoot, log);
  const chaos = await cleanLeftovers({
    resultsRoot: config.resultsRoot,
    log: (line) => log(`chaos:clean ${line}`),
  });
  const operator = await cleanOperatorLeftovers({
    resultsRoot: config.resultsRoot,
    log: (line) => log(`k6-operator:clean ${line}`),
  });
  if (operator.failed.length > 0)
    throw new EngineError(
      `k6-operator runs left by an earlier run could not be deleted (${operator.failed.map((f) => f.id).join(', ')}); run npm run chaos:clean`,
    );
  if (chaos.failed.length > 0) {
    throw new ChaosError(
      `chaos left by an earlier run could not be removed (${chaos.failed.map((f) => f.id).join(', ')}); run npm run chaos:clean`,
    );
  }
}
