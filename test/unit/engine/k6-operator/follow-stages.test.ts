// Following a TestRun's stages: to `finished`, or stopped with a reason — `error` with the operator's
// message, a stage held longer than its bound, the TestRun deleted under the run, the API unreadable
// for several reads in a row — or at once on an abort.
import { describe, expect, it } from 'vitest';
import {
  followStages,
  parseTestRunState,
  type Stage,
  type TestRunState,
} from '../../../../src/engine/k6-operator/follow-stages.ts';

const bounds = {
  none: 1000,
  initialization: 1000,
  initialized: 1000,
  created: 1000,
  started: 1000,
  stopped: 1000,
};
const states = (...sequence: (TestRunState | undefined | Error)[]) => {
  let i = 0;
  return async () => {
    const next = sequence[Math.min(i++, sequence.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  };
};
const at = (stage: Stage | undefined, messages: string[] = []): TestRunState => ({ stage, messages });

describe('following a TestRun', () => {
  it('goes through the stages to finished, saying each once', async () => {
    const seen: (Stage | undefined)[] = [];
    const outcome = await followStages({
      read: states(
        at(undefined),
        at('initialization'),
        at('initialized'),
        at('created'),
        at('started'),
        at('started'),
        at('finished'),
      ),
      timeouts: bounds,
      pollMs: 1,
      signal: new AbortController().signal,
      onStage: (stage) => seen.push(stage),
    });
    expect(outcome).toEqual({ kind: 'finished' });
    expect(seen).toEqual(['initialization', 'initialized', 'created', 'started', 'finished']);
  });

  it('stops at error with the conditions’ messages', async () => {
    const outcome = await followStages({
      read: states(at('initialization'), at('error', ['TestRunRunning=False (Error): parallelism > VUs'])),
      timeouts: bounds,
      pollMs: 1,
      signal: new AbortController().signal,
    });
    expect(outcome).toEqual({
      kind: 'error',
      stage: 'error',
      message: 'TestRunRunning=False (Error): parallelism > VUs',
    });
  });

  it('gives up on a stage held longer than its bound, naming it', async () => {
    const outcome = await followStages({
      read: states(at('created')),
      timeouts: { ...bounds, created: 30 },
      pollMs: 5,
      signal: new AbortController().signal,
    });
    expect(outcome).toMatchObject({
      kind: 'timeout',
      stage: 'created',
      message: 'stayed at stage created for 0 s',
    });
  });

  it('notices a TestRun deleted under the run, and an API that stays unreadable', async () => {
    const signal = new AbortController().signal;
    expect(
      await followStages({ read: states(at('started'), undefined), timeouts: bounds, pollMs: 1, signal }),
    ).toMatchObject({ kind: 'gone' });
    const flaky = await followStages({
      read: states(new Error('connection refused'), new Error('connection refused'), at('finished')),
      timeouts: bounds,
      pollMs: 1,
      signal,
      maxReadFailures: 3,
    });
    expect(flaky).toEqual({ kind: 'finished' });
    const down = await followStages({
      read: states(new Error('connection refused')),
      timeouts: bounds,
      pollMs: 1,
      signal,
      maxReadFailures: 3,
    });
    expect(down).toMatchObject({ kind: 'error', message: 'cannot read the TestRun: connection refused' });
  });

  it('ends at once on an abort', async () => {
    const controller = new AbortController();
    const following = followStages({
      read: states(at('started')),
      timeouts: bounds,
      pollMs: 50,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect(await following).toEqual({ kind: 'interrupted', stage: 'started' });
  });

  it('reads stage and condition messages from kubectl’s JSON, ignoring stages it does not know', () => {
    const json = JSON.stringify({
      status: {
        stage: 'started',
        conditions: [{ type: 'TestRunRunning', status: 'True', reason: 'TestRunRunningTrue', message: 'ok' }],
      },
    });
    expect(parseTestRunState(json)).toEqual({
      stage: 'started',
      messages: ['TestRunRunning=True (TestRunRunningTrue): ok'],
    });
    expect(parseTestRunState('{"status":{"stage":"exploded"}}').stage).toBeUndefined();
    expect(parseTestRunState('{}')).toEqual({ stage: undefined, messages: [] });
  });
});
