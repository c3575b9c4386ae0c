// One virtual user: its own instance of the script module (own module-level state, like k6's one JS
// runtime per VU), its __VU/__ITER/__ENV, tags, group, timers and in-flight requests, and the
// iteration runner that records iteration metrics. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import type { Cancellable } from './http/send-request.ts';
import { internTags } from './metrics/tag-cache.ts';
import type { Tags } from './metrics/types.ts';
import { DEFAULT_EXPECTED_STATUSES, type ExpectedStatuses } from './modules/expected-statuses.ts';
import { mapStackFrame } from './script-source-maps.ts';
import type { VuHost } from './vu-host.ts';

/** The per-VU object the script sees through `__VU`, `__ITER` and `__ENV` (esbuild `define`). */
interface VuGlobals {
  id: number;
  iter: number;
  env: Readonly<Record<string, string>>;
}

/** What a VU knows about the scenario it currently runs in (k6/execution `scenario`). */
export interface ScenarioState {
  readonly name: string;
  readonly executor: string;
  /** Unix ms when the scenario started. */
  startTimeMs: number;
  readonly tags: Tags;
  readonly env: Readonly<Record<string, string>>;
  readonly exec: string;
  /** Next unique iteration number across the test (all workers). */
  nextIterationInTest(): number;
  /** This thread's iterations started in this scenario so far. */
  iterationInInstance: number;
  /** 0..1 progress of the scenario. */
  progress(): number;
}

export type IterationOutcome = 'completed' | 'failed' | 'interrupted';

export class Vu {
  readonly idInTest: number;
  readonly idInInstance: number;
  readonly host: VuHost;
  readonly globals: VuGlobals;
  readonly baseEnv: Readonly<Record<string, string>>;
  exports: Record<string, unknown> = {};
  scenario: ScenarioState | null = null;
  /** exec.vu.tags: custom tags added to every sample of this VU. */
  readonly customTags: Record<string, string>;
  groupPath = '';
  iterationInInstance = 0;
  iterationInScenario = 0;
  iterationInTest = 0;
  /** exec.scenario.iterationInInstance of the running iteration. */
  scenarioIterationInInstance = 0;
  inInit = true;
  interrupted = false;
  responseCallback: ExpectedStatuses | null = DEFAULT_EXPECTED_STATUSES;
  readonly timers = new Set<NodeJS.Timeout>();
  /** Requests in flight (they leave the set when they end). */
  readonly inFlight = new Set<Cancellable>();
  #tags: Tags | null = null;
  /** sampleTags() per group path for the current scenario and custom tags (group() switches often). */
  readonly #tagsByGroup = new Map<string, Tags>();
  #interrupt: ((value?: unknown) => void) | null = null;

  constructor(host: VuHost, idInTest: number, idInInstance: number, env: Readonly<Record<string, string>>) {
    this.host = host;
    this.idInTest = idInTest;
    this.idInInstance = idInInstance;
    this.baseEnv = env;
    this.globals = { id: idInTest, iter: 0, env };
    this.customTags = new Proxy({} as Record<string, string>, {
      set: (target, key, value) => {
        target[key as string] = String(value);
        this.#forgetTags();
        return true;
      },
      deleteProperty: (target, key) => {
        delete target[key as string];
        this.#forgetTags();
        return true;
      },
    });
  }

  /**
   * Tags on every sample this VU emits now (cached until scenario, group or custom tags change). The
   * object is shared with every VU whose tags are the same (interned): derived tag sets cache on it.
   */
  sampleTags(): Tags {
    if (!this.#tags) {
      let tags = this.#tagsByGroup.get(this.groupPath);
      if (tags === undefined) {
        const scenario = this.scenario;
        const own: Record<string, string> = {
          ...this.host.globalTags,
          ...scenario?.tags,
          ...this.customTags,
        };
        own.group = this.groupPath;
        if (scenario) own.scenario = scenario.name;
        tags = internTags(own);
        if (this.#tagsByGroup.size >= 1000) this.#tagsByGroup.clear();
        this.#tagsByGroup.set(this.groupPath, tags);
      }
      this.#tags = tags;
    }
    return this.#tags;
  }

  #forgetTags(): void {
    this.#tags = null;
    this.#tagsByGroup.clear();
  }

  setGroup(path: string): void {
    this.groupPath = path;
    this.#tags = null;
  }

  /** Join a scenario: k6 resets the VU's iteration counter and applies scenario env and tags. */
  activate(scenario: ScenarioState | null): void {
    this.scenario = scenario;
    this.globals.env = scenario ? scenario.env : this.baseEnv;
    this.iterationInScenario = 0;
    this.#forgetTags();
  }

  /** Record one sample unless the iteration was interrupted (its late results are discarded). */
  emit(name: string, value: number, tags: Tags): void {
    if (!this.interrupted) this.host.registry.add(name, value, tags);
  }

  /**
   * Run `fn(data)` as one iteration. Exceptions are logged and the iteration still counts (k6 marks
   * only context-cancelled iterations as not full). `countIteration` false for setup/teardown.
   */
  async runIteration(
    fn: (data: unknown) => unknown,
    data: unknown,
    countIteration = true,
  ): Promise<IterationOutcome> {
    const scenario = this.scenario;
    this.globals.iter = this.iterationInScenario;
    if (scenario) {
      this.iterationInTest = scenario.nextIterationInTest();
      this.scenarioIterationInInstance = scenario.iterationInInstance++;
    }
    const startMs = performance.now();
    let outcome: IterationOutcome = 'completed';
    try {
      const result = fn(data) as Promise<unknown> | undefined;
      if (result && typeof result.then === 'function') {
        // Settles with the iteration or when interrupt() is called, whichever is first: one promise
        // per iteration (Promise.race would add one for the interruption and one per entry).
        await new Promise<unknown>((resolve, reject) => {
          this.#interrupt = resolve;
          result.then(resolve, reject);
        });
      }
    } catch (error) {
      outcome = 'failed';
      if (!this.interrupted) this.host.log('error', formatError(error));
    } finally {
      this.#interrupt = null;
      if (this.timers.size > 0) {
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
      }
    }
    this.iterationInScenario++;
    this.iterationInInstance++;
    if (this.interrupted) return 'interrupted';
    const tags = this.sampleTags();
    this.emit('iteration_duration', performance.now() - startMs, tags);
    if (countIteration) {
      this.emit('iterations', 1, tags);
      this.host.counters.iterationsCompleted++;
    }
    return outcome;
  }

  /** Stop the running iteration now (gracefulStop expired): cancel requests and timers, retire the VU. */
  interrupt(): void {
    if (this.interrupted) return;
    this.interrupted = true;
    for (const request of this.inFlight) request.cancel();
    this.inFlight.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.#interrupt?.();
  }
}

/** `message\n\tat stack` like k6 prints a GoError/exception, trimmed of runner frames. */
export function formatError(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .filter(
        (line) =>
          /^\s+at /.test(line) &&
          !line.includes('/src/runner/') &&
          !/<anonymous>|Promise\.all|node:internal/.test(line),
      );
    return [error.message, ...frames.slice(0, 5).map((f) => mapStackFrame(f.trim()))].join('\n\t');
  }
  return String(error);
}
