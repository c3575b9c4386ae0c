// Turns a model experiment back into a plain manifest (for `kubectl apply` and the ledger), optionally
// renamed and labelled for one run. Node side; pure.
import type { Experiment } from './kinds/types.ts';

interface ManifestOverrides {
  name?: string;
  /** Merged over the object's own labels. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A JSON-serialisable manifest; starts from `raw` when the experiment was read from a file. */
export function toManifest(
  experiment: Experiment,
  overrides: ManifestOverrides = {},
): Record<string, unknown> {
  const base: Record<string, unknown> = experiment.raw
    ? structuredClone(experiment.raw)
    : {
        apiVersion: experiment.apiVersion,
        kind: experiment.kind,
        metadata: {},
        spec: structuredClone(experiment.spec),
      };
  const metadata: Record<string, unknown> = {
    ...(base.metadata as Record<string, unknown>),
    ...experiment.metadata,
  };
  if (overrides.name) metadata.name = overrides.name;
  if (overrides.labels) metadata.labels = { ...experiment.metadata.labels, ...overrides.labels };
  if (overrides.annotations)
    metadata.annotations = { ...experiment.metadata.annotations, ...overrides.annotations };
  return { apiVersion: base.apiVersion, kind: base.kind, metadata, spec: base.spec };
}
