// `k6/execution` for one VU: vu, scenario, instance and test objects with k6's field names.
// test.abort(reason) stops the whole run (exit 108). Runs in: VU thread.
import type { Vu } from '../vu.ts';

/** Thrown by exec.test.abort() so the calling iteration stops at once. */
class TestAbortedError extends Error {
  constructor(reason: string) {
    super(`test aborted: ${reason}`);
    this.name = 'TestAbortedError';
  }
}

export function createExecutionModule(vu: Vu) {
  const host = vu.host;
  const scenario = () => {
    if (!vu.scenario) throw new Error('getting scenario information outside of a scenario is not supported');
    return vu.scenario;
  };
  const vuTags = { tags: vu.customTags, metadata: {} as Record<string, string> };
  const exec = {
    vu: {
      get idInInstance() {
        return vu.idInInstance;
      },
      get idInTest() {
        return vu.idInTest;
      },
      get iterationInInstance() {
        return vu.iterationInInstance;
      },
      get iterationInScenario() {
        return vu.iterationInScenario;
      },
      get tags() {
        return vu.customTags;
      },
      get metrics() {
        return vuTags;
      },
    },
    scenario: {
      get name() {
        return scenario().name;
      },
      get executor() {
        return scenario().executor;
      },
      get startTime() {
        return scenario().startTimeMs;
      },
      get progress() {
        return scenario().progress();
      },
      get iterationInInstance() {
        return vu.scenarioIterationInInstance;
      },
      get iterationInTest() {
        return vu.iterationInTest;
      },
    },
    instance: {
      get iterationsInterrupted() {
        return host.counters.iterationsInterrupted;
      },
      get iterationsCompleted() {
        return host.counters.iterationsCompleted;
      },
      get vusActive() {
        return host.counters.vusActive;
      },
      get vusInitialized() {
        return host.counters.vusInitialized;
      },
      get currentTestRunDuration() {
        return host.testStartMs ? Date.now() - host.testStartMs : 0;
      },
    },
    test: {
      abort(reason?: string): never {
        const text = reason ?? 'test aborted';
        host.abortTest(text);
        throw new TestAbortedError(text);
      },
      get options() {
        return host.options;
      },
    },
  };
  return { ...exec, default: exec };
}
