// One Chaos Mesh object applied through kubectl: waits Selected then AllInjected (one-shot
// pod-kill/container-kill are then done), reads containerRecords events, deletes with escalation,
// and checks the owning Deployments roll out and every selected pod is Ready again. Node side.
import { ChaosError } from '../../../errors.ts';
import { actionSpecOf, type Experiment } from '../../kinds/types.ts';
import type { ChaosRecord } from '../../record.ts';
import type { AppliedChaos, ChaosObservation, RecoveryReport } from '../types.ts';
import { deleteWithEscalation } from './delete-object.ts';
import { isNotFound, kubectlTimeout, type Kubectl } from './kubectl.ts';
import { listSelectedPods, type PodSummary } from './pods.ts';
import { firstEvent, parseStatus } from './status.ts';

export interface ChaosMeshAppliedDeps {
  kubectl: Kubectl;
  /** Max wait for `Selected` (Selected=False is final, so fail fast), ms. */
  selectTimeoutMs: number;
  /** Per step of delete → force annotation → finalizer patch, ms. */
  deleteStepTimeoutMs: number;
  /** Pods matched before the apply (for the readiness check). */
  podsBefore: PodSummary[];
}

export class ChaosMeshAppliedChaos implements AppliedChaos {
  readonly id: string;
  readonly experiment: Experiment;
  private readonly ref: string;
  private readonly ns: string;
  private readonly deps: ChaosMeshAppliedDeps;
  private readonly rec: ChaosRecord;
  private deleted = false;

  constructor(
    id: string,
    ref: string,
    experiment: Experiment,
    record: ChaosRecord,
    deps: ChaosMeshAppliedDeps,
  ) {
    this.id = id;
    this.ref = ref;
    this.ns = experiment.metadata.namespace;
    this.experiment = experiment;
    this.rec = record;
    this.deps = deps;
  }

  async verifyInjected(timeoutMs: number): Promise<void> {
    const { kubectl } = this.deps;
    if (this.experiment.kind === 'Schedule') {
      await kubectl.must(['get', this.ref, '-n', this.ns, '-o', 'name']);
      return;
    }
    const started = Date.now();
    const selectMs = Math.min(this.deps.selectTimeoutMs, timeoutMs);
    for (const [condition, ms] of [
      ['Selected', selectMs],
      ['AllInjected', timeoutMs - (Date.now() - started)],
    ] as const) {
      const r = await kubectl.run(
        ['wait', this.ref, '-n', this.ns, `--for=condition=${condition}`, `--timeout=${kubectlTimeout(ms)}`],
        {
          timeoutMs: Math.max(ms, 1000) + 10_000,
        },
      );
      if (!r.ok) {
        await this.observe().catch(() => undefined);
        throw new ChaosError(
          `${this.ref}: not ${condition} within ${Math.round(ms)} ms: ${r.stderr.trim().slice(0, 300)}`,
        );
      }
    }
    await this.observe();
  }

  async observe(): Promise<ChaosObservation> {
    const r = await this.deps.kubectl.run(['get', this.ref, '-n', this.ns, '-o', 'json']);
    if (!r.ok) {
      if (isNotFound(r)) return { phase: 'recovered', conditions: {}, record: this.record() };
      throw new ChaosError(`${this.ref}: cannot read status: ${r.stderr.trim()}`);
    }
    const status = parseStatus(r.stdout);
    const { rec } = this;
    for (const t of status.targets) if (!rec.selected.includes(t)) rec.selected.push(t);
    const seen = new Set(rec.events.map((e) => `${e.target}|${e.operation}|${e.at}`));
    for (const e of status.events) if (!seen.has(`${e.target}|${e.operation}|${e.at}`)) rec.events.push(e);
    rec.injectedAt = firstEvent(rec.events, 'Apply') ?? rec.injectedAt;
    rec.fires = Math.max(rec.fires, status.conditions.AllInjected ? 1 : 0, status.active.length);
    const c = status.conditions;
    const phase = c.AllRecovered
      ? 'recovered'
      : c.AllInjected
        ? 'injected'
        : c.Selected === false
          ? 'failed'
          : 'pending';
    return { phase, conditions: c, record: this.record() };
  }

  async recover(): Promise<void> {
    if (this.deleted) return;
    await this.observe().catch((e: Error) => this.rec.warnings.push(e.message));
    const result = await deleteWithEscalation(
      this.deps.kubectl,
      this.ref,
      this.ns,
      this.deps.deleteStepTimeoutMs,
    );
    this.rec.escalations.push(...result.escalations);
    this.deleted = true;
  }

  async verifyRecovered(timeoutMs: number): Promise<RecoveryReport> {
    const { kubectl, podsBefore } = this.deps;
    const deadline = Date.now() + timeoutMs;
    const owners = new Map<string, { ns: string; name: string }>();
    for (const p of podsBefore)
      if (p.deployment) owners.set(`${p.namespace}/${p.deployment}`, { ns: p.namespace, name: p.deployment });
    for (const { ns, name } of owners.values()) {
      const left = Math.max(1000, deadline - Date.now());
      const r = await kubectl.run(
        ['rollout', 'status', `deployment/${name}`, '-n', ns, `--timeout=${kubectlTimeout(left)}`],
        {
          timeoutMs: left + 10_000,
        },
      );
      if (!r.ok)
        this.rec.warnings.push(`rollout status deployment/${name}: ${r.stderr.trim().slice(0, 200)}`);
    }
    const targeting = actionSpecOf(this.experiment).spec;
    const pods = await listSelectedPods(kubectl, targeting.selector, this.ns);
    const notReady = pods.filter((p) => !p.ready).map((p) => `${p.namespace}/${p.name}`);
    if (pods.length < podsBefore.length) notReady.push(`${podsBefore.length - pods.length} pod(s) missing`);
    this.rec.notReady = notReady;
    this.rec.recovered = notReady.length === 0 && this.deleted;
    if (!this.rec.recovered) return { recovered: false, notReady };
    const now = Date.now();
    this.rec.recoveredAt = new Date(now).toISOString();
    const from = this.rec.injectedAt ? Date.parse(this.rec.injectedAt) : now;
    this.rec.recoveryMs = Math.max(0, now - from);
    return { recovered: true, recoveryMs: this.rec.recoveryMs, notReady: [] };
  }

  record(): ChaosRecord {
    return structuredClone(this.rec);
  }
}
