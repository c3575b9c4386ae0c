// The typed model of the Chaos Mesh 2.x objects the harness supports (chaos-mesh.org/v1alpha1):
// PodChaos, NetworkChaos, HTTPChaos and Schedule. Field names mirror the CRDs so a model object
// serialises back to a manifest `kubectl apply` accepts. Node side; types only.

export const CHAOS_API_VERSION = 'chaos-mesh.org/v1alpha1';
export const CHAOS_KINDS = ['PodChaos', 'NetworkChaos', 'HTTPChaos', 'Schedule'] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];
/** Kinds a Schedule can embed (the ones the harness models). */
export type ScheduledKind = Exclude<ChaosKind, 'Schedule'>;

export const SELECTOR_MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'] as const;
export type SelectorMode = (typeof SELECTOR_MODES)[number];

export interface ExpressionSelector {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** `spec.selector` (PodSelectorSpec). All set parts are ANDed; `pods` overrides the rest. */
export interface PodSelector {
  namespaces?: string[];
  labelSelectors?: Record<string, string>;
  expressionSelectors?: ExpressionSelector[];
  annotationSelectors?: Record<string, string>;
  fieldSelectors?: Record<string, string>;
  podPhaseSelectors?: string[];
  nodes?: string[];
  nodeSelectors?: Record<string, string>;
  pods?: Record<string, string[]>;
}

/** mode + value + selector: which pods an experiment acts on. */
export interface PodTargeting {
  mode: SelectorMode;
  /** Integer as a string: a count for `fixed`, a percentage 1..100 for the percent modes. */
  value?: string;
  selector: PodSelector;
}

export interface PodChaosSpec extends PodTargeting {
  action: 'pod-kill' | 'pod-failure' | 'container-kill';
  containerNames?: string[];
  /** Go duration (`30s`); pod-failure only (one-shot actions ignore it). */
  duration?: string;
  /** Seconds, ≥ 0; pod-kill delete grace period. */
  gracePeriod?: number;
}

export interface NetworkDelay {
  latency: string;
  jitter?: string;
  correlation?: string;
}

export interface NetworkChaosSpec extends PodTargeting {
  action: 'netem' | 'delay' | 'loss' | 'duplicate' | 'corrupt' | 'partition' | 'bandwidth';
  delay?: NetworkDelay;
  direction?: 'to' | 'from' | 'both';
  target?: PodTargeting;
  externalTargets?: string[];
  duration?: string;
}

export interface HTTPChaosSpec extends PodTargeting {
  target: 'Request' | 'Response';
  /** TCP port of the target server inside the pod, > 0. */
  port: number;
  path?: string;
  method?: string;
  code?: number;
  abort?: boolean;
  /** Go duration added to matching requests/responses. */
  delay?: string;
  /** Parts of the message to replace (path, method, code, body, headers, queries), as written. */
  replace?: Record<string, unknown>;
  /** Additions to the message (body, headers, queries), as written. */
  patch?: Record<string, unknown>;
  duration?: string;
}

export interface ScheduleSpec {
  /** robfig/cron v3 spec: 5/6 fields, descriptors or `@every <duration>`. */
  schedule: string;
  type: ScheduledKind;
  historyLimit?: number;
  concurrencyPolicy?: 'Forbid' | 'Allow';
  startingDeadlineSeconds?: number;
  podChaos?: PodChaosSpec;
  networkChaos?: NetworkChaosSpec;
  httpChaos?: HTTPChaosSpec;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Where a model object came from (absent for objects made by builders). */
export interface SourceRef {
  file: string;
  line: number;
}

interface ExperimentBase<K extends ChaosKind, S> {
  apiVersion: typeof CHAOS_API_VERSION;
  kind: K;
  metadata: ObjectMeta;
  spec: S;
  source?: SourceRef;
  /**
   * The document as read (without status). Serialisation starts from it so fields the model does
   * not carry (HTTPChaos replace/patch, NetworkChaos loss, …) reach `kubectl apply` unchanged.
   */
  raw?: Record<string, unknown>;
}

export type PodChaos = ExperimentBase<'PodChaos', PodChaosSpec>;
export type NetworkChaos = ExperimentBase<'NetworkChaos', NetworkChaosSpec>;
export type HTTPChaos = ExperimentBase<'HTTPChaos', HTTPChaosSpec>;
export type Schedule = ExperimentBase<'Schedule', ScheduleSpec>;
/** A validated experiment, ready for a provider. */
export type Experiment = PodChaos | NetworkChaos | HTTPChaos | Schedule;
/** The spec a provider actually carries out: the object's own, or the one a Schedule embeds. */
export type ActionSpec =
  | { kind: 'PodChaos'; spec: PodChaosSpec }
  | { kind: 'NetworkChaos'; spec: NetworkChaosSpec }
  | { kind: 'HTTPChaos'; spec: HTTPChaosSpec };

/** The action spec of an experiment (for a Schedule: its embedded spec). */
export function actionSpecOf(experiment: Experiment): ActionSpec {
  if (experiment.kind !== 'Schedule') return { kind: experiment.kind, spec: experiment.spec } as ActionSpec;
  const s = experiment.spec;
  if (s.type === 'PodChaos') return { kind: 'PodChaos', spec: s.podChaos! };
  if (s.type === 'NetworkChaos') return { kind: 'NetworkChaos', spec: s.networkChaos! };
  return { kind: 'HTTPChaos', spec: s.httpChaos! };
}

/** lowerCamel key a Schedule uses for an embedded kind (`PodChaos` → `podChaos`). */
export function embeddedKey(kind: ScheduledKind): 'podChaos' | 'networkChaos' | 'httpChaos' {
  return kind === 'PodChaos' ? 'podChaos' : kind === 'NetworkChaos' ? 'networkChaos' : 'httpChaos';
}
