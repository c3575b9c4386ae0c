// The orchestrator's log: `[c4ang-perf]` lines, stamped with time into the run once it started,
// written above the live progress line.
import { expect, test } from 'vitest';
import { createRunLog } from '../../../src/orchestrate/run-log.ts';
import { liveLineOf } from '../../../src/runner/live-line.ts';

function fakeStream() {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text) };
}

test('no stamp before the run started, `+t` after', () => {
  const stream = fakeStream();
  let startedAtMs: number | undefined;
  let nowMs = 1_000_000;
  const log = createRunLog(stream, { startedAtMs: () => startedAtMs, nowMs: () => nowMs });
  log('starting the embedded C4ang stand-in…');
  startedAtMs = nowMs;
  nowMs += 12_345;
  log('chaos: PodChaos/pod-kill injected on order-service-1');
  nowMs += 90_000;
  log('chaos: pod-kill recovered in 3100 ms');
  expect(stream.writes).toEqual([
    '[c4ang-perf] starting the embedded C4ang stand-in…\n',
    '[c4ang-perf] +12.3s chaos: PodChaos/pod-kill injected on order-service-1\n',
    '[c4ang-perf] +1m42s chaos: pod-kill recovered in 3100 ms\n',
  ]);
});

test('a log line during the progress line lands above it and the progress is redrawn', () => {
  const stream = fakeStream();
  const log = createRunLog(stream);
  liveLineOf(stream).draw('running (5s/30s)');
  log('chaos: injected');
  expect(stream.writes.at(-1)).toBe('\r\x1b[2K[c4ang-perf] chaos: injected\nrunning (5s/30s)');
});
