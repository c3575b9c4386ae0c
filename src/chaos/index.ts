// Public surface of the chaos area: manifest model + validation, builders, the provider contract and
// both providers (local, chaos-mesh), applying with the ledger, leftover cleanup, time limits. Node side.
export type {
  ActionSpec,
  ChaosKind,
  Experiment,
  HTTPChaos,
  HTTPChaosSpec,
  NetworkChaos,
  NetworkChaosSpec,
  PodChaos,
  PodChaosSpec,
  PodSelector,
  PodTargeting,
  Schedule,
  ScheduleSpec,
  SelectorMode,
} from './kinds/types.ts';
export { actionSpecOf, CHAOS_API_VERSION, CHAOS_KINDS } from './kinds/types.ts';
export { formatProblem, type Problem } from './problem.ts';
export { expandManifestPaths, loadExperiments, type LoadResult } from './load-experiments.ts';
export { parseManifest, readManifest } from './manifest/read-manifest.ts';
export { validateExperiment } from './kinds/validate-experiment.ts';
export * from './builders.ts';
export { toManifest } from './serialize.ts';
export { nextFireAfter, parseCron, type CronSpec } from './cron.ts';
export type { ChaosEvent, ChaosRecord, ScaledMs } from './record.ts';
export type {
  AppliedChaos,
  ApplyContext,
  ApplyRequest,
  ChaosObservation,
  ChaosProvider,
  ProviderName,
  RecoveryReport,
} from './providers/types.ts';
export {
  createLocalProvider,
  type LocalProvider,
  type LocalProviderOptions,
} from './providers/local/local-provider.ts';
export {
  createChaosMeshProvider,
  type ChaosMeshProviderOptions,
} from './providers/chaos-mesh/chaos-mesh-provider.ts';
export { createProvider, PROVIDER_NAMES, type ProviderOptions } from './providers/create-provider.ts';
export {
  DEFAULT_ALLOWED_CONTEXTS,
  DEFAULT_ALLOWED_NAMESPACES,
} from './providers/chaos-mesh/context-guard.ts';
export { actionOf, describeExperiment } from './describe.ts';
export { applyExperiment } from './apply-experiment.ts';
export { checkApplyFlags, type ApplyFlagValues } from './apply-flags.ts';
export { Ledger, type LedgerClaim, type LedgerEntry } from './ledger.ts';
export { isOwnerAlive } from './ledger-owner.ts';
export { LEGACY_LEDGER_FILE, openLedger } from './open-ledger.ts';
export { cleanLeftovers, type CleanOptions, type CleanReport } from './clean-leftovers.ts';
export { runExperiment, type RunExperimentOptions } from './run-experiment.ts';
export * from './timeouts.ts';
