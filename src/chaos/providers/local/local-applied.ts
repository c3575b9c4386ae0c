// One experiment applied to the embedded target: fires it once (or on its Schedule), times out
// pod-failure / fault durations, undoes everything on recover(), and verifies every selected
// replica is ready again (a new process since the injection). Node side.
import { ChaosError } from '../../../errors.ts';
import { actionSpecOf, type ActionSpec, type Experiment } from '../../kinds/types.ts';
import type { ChaosRecord } from '../../record.ts';
import type { AppliedChaos, ChaosObservation, RecoveryReport } from '../types.ts';
import type { AdminClient } from './admin-client.ts';
import { inject, type Injection } from './inject.ts';
import { ScheduleTimer } from './schedule-timer.ts';

export interface LocalAppliedDeps {
  client: AdminClient;
  random: () => number;
  timeScale: number;
  pollIntervalMs: number;
  maxScheduleFires: number;
  faultIdPrefix: string;
}

export class LocalAppliedChaos implements AppliedChaos {
  readonly id: string;
  readonly experiment: Experiment;
  private readonly deps: LocalAppliedDeps;
  private readonly rec: ChaosRecord;
  private readonly action: ActionSpec;
  /** Replica name → pid/restarts before its (latest) injection. */
  private readonly baseline = new Map<string, { pid: number; restarts: number; at: number }>();
  private readonly activeFaults = new Set<string>();
  private readonly activeFailures = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private schedule: ScheduleTimer | undefined;
  private faultSeq = 0;
  private lastInjectedAt = 0;

  constructor(id: string, experiment: Experiment, record: ChaosRecord, deps: LocalAppliedDeps) {
    this.id = id;
    this.experiment = experiment;
    this.rec = record;
    this.deps = deps;
    this.action = actionSpecOf(experiment);
  }

  /** First firing (or arming the Schedule). Called by the provider's apply. */
  async start(): Promise<void> {
    if (this.experiment.kind !== 'Schedule') return this.fire();
    const spec = this.experiment.spec;
    this.schedule = new ScheduleTimer(spec, {
      timeScale: this.deps.timeScale,
      maxFires: this.deps.maxScheduleFires,
      isBusy: () => spec.concurrencyPolicy !== 'Allow' && this.isActive(),
      fire: () => this.fire(),
      onSkip: (why) => this.rec.warnings.push(why),
    });
    this.rec.interval = this.schedule.firstInterval;
  }

  private isActive(): boolean {
    return this.activeFaults.size > 0 || this.activeFailures.size > 0;
  }

  private async fire(): Promise<void> {
    const injection = await inject(this.action, {
      client: this.deps.client,
      random: this.deps.random,
      timeScale: this.deps.timeScale,
      nextFaultId: () => `${this.deps.faultIdPrefix}-${++this.faultSeq}`,
    }).catch((error: unknown) => {
      throw new ChaosError(`${this.id}: injection failed: ${(error as Error).message}`, { cause: error });
    });
    this.note(injection);
  }

  private note(injection: Injection): void {
    const { rec } = this;
    rec.fires += 1;
    rec.injectedAt ??= new Date(injection.at).toISOString();
    this.lastInjectedAt = injection.at;
    rec.events.push(...injection.events);
    rec.warnings.push(...injection.warnings);
    for (const r of injection.selected) {
      if (!rec.selected.includes(r.name)) rec.selected.push(r.name);
      if (this.action.kind === 'PodChaos')
        this.baseline.set(r.name, { pid: r.pid, restarts: r.restarts, at: injection.at });
    }
    for (const id of injection.faultIds) this.activeFaults.add(id);
    for (const name of injection.failed) this.activeFailures.add(name);
    if (injection.durationMs === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (const name of injection.failed) this.activeFailures.delete(name);
      void this.removeFaults(injection.faultIds, 'duration elapsed').catch((e: Error) =>
        rec.warnings.push(e.message),
      );
    }, injection.durationMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async removeFaults(ids: readonly string[], why: string): Promise<void> {
    for (const id of ids) {
      if (!this.activeFaults.has(id)) continue;
      await this.deps.client.deleteFault(id);
      this.activeFaults.delete(id);
      this.rec.events.push({
        target: id,
        operation: 'Recover',
        type: 'Succeeded',
        at: new Date().toISOString(),
        message: why,
      });
    }
  }

  async verifyInjected(timeoutMs: number): Promise<void> {
    if (this.schedule || this.rec.fires > 0) return;
    throw new ChaosError(`${this.id}: not injected within ${timeoutMs} ms`);
  }

  async observe(): Promise<ChaosObservation> {
    const replicas = await this.deps.client.replicas();
    const pending = this.pendingTargets(replicas);
    const phase =
      this.rec.fires === 0
        ? 'pending'
        : this.isActive()
          ? 'injected'
          : pending.length
            ? 'recovering'
            : 'recovered';
    const conditions = {
      injected: this.isActive(),
      armed: Boolean(this.schedule?.armed),
      allReady: pending.length === 0,
    };
    return { phase, conditions, record: this.record() };
  }

  async recover(): Promise<void> {
    this.schedule?.stop();
    await this.schedule?.idle();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const errors: string[] = [];
    await this.removeFaults([...this.activeFaults], 'recover').catch((e: Error) => errors.push(e.message));
    for (const name of [...this.activeFailures]) {
      await this.deps.client.recoverReplica(name).then(
        () => this.activeFailures.delete(name),
        (e: Error) => errors.push(e.message),
      );
    }
    if (errors.length) throw new ChaosError(`${this.id}: recover failed: ${errors.join('; ')}`);
  }

  async verifyRecovered(timeoutMs: number): Promise<RecoveryReport> {
    const deadline = Date.now() + timeoutMs;
    let pending: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const replicas = await this.deps.client.replicas();
      pending = this.pendingTargets(replicas);
      if (this.activeFaults.size === 0 && pending.length === 0) break;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, this.deps.pollIntervalMs));
    }
    const stillFaulted = [...this.activeFaults].map((id) => `fault ${id}`);
    this.rec.notReady = [...pending, ...stillFaulted];
    this.rec.recovered = this.rec.notReady.length === 0;
    if (!this.rec.recovered) return { recovered: false, notReady: this.rec.notReady };
    const now = Date.now();
    this.rec.recoveredAt = new Date(now).toISOString();
    this.rec.recoveryMs = this.lastInjectedAt ? now - this.lastInjectedAt : 0;
    for (const name of this.baseline.keys()) {
      this.rec.events.push({
        target: name,
        operation: 'Recover',
        type: 'Succeeded',
        at: this.rec.recoveredAt,
        message: 'ready again',
      });
    }
    this.baseline.clear();
    return { recovered: true, recoveryMs: this.rec.recoveryMs, notReady: [] };
  }

  /** Selected replicas not yet ready as a new process, plus any not-ready replica of their services. */
  private pendingTargets(
    replicas: { name: string; service: string; state: string; pid: number; restarts: number }[],
  ): string[] {
    const pending = new Set<string>();
    const services = new Set<string>();
    for (const [name, before] of this.baseline) {
      const now = replicas.find((r) => r.name === name);
      if (now) services.add(now.service);
      const renewed = now && (now.pid !== before.pid || now.restarts > before.restarts);
      if (now?.state !== 'ready' || !renewed) pending.add(name);
    }
    for (const r of replicas) if (services.has(r.service) && r.state !== 'ready') pending.add(r.name);
    return [...pending];
  }

  record(): ChaosRecord {
    return structuredClone(this.rec);
  }
}
