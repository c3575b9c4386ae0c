// Public surface of the chaos area: manifest model + validation, builders, providers (local,
// chaos-mesh), the ledger and leftover cleanup. Node side.
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
export { toManifest, toYaml } from './serialize.ts';
export { formatDurationMs, parseDurationMs } from './duration.ts';
export { nextFireAfter, parseCron, type CronSpec } from './cron.ts';
export type { ChaosEvent, ChaosRecord, ScaledMs } from './record.ts';
export type {
  AppliedChaos,
  ApplyContext,
  ChaosObservation,
  ChaosProvider,
  ProviderName,
  RecoveryReport,
} from './providers/types.ts';
export { createLocalProvider, type LocalProviderOptions } from './providers/local/local-provider.ts';
export {
  createChaosMeshProvider,
  type ChaosMeshProviderOptions,
} from './providers/chaos-mesh/chaos-mesh-provider.ts';
export {
  DEFAULT_ALLOWED_CONTEXTS,
  DEFAULT_ALLOWED_NAMESPACES,
} from './providers/chaos-mesh/context-guard.ts';
export { Ledger, type LedgerEntry } from './ledger.ts';
export { cleanLeftovers, type CleanOptions, type CleanReport } from './clean-leftovers.ts';
export { runExperiment, type RunExperimentOptions } from './run-experiment.ts';
export { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from './names.ts';
