// The live-line coordinator: event lines written while the progress line is shown print on their
// own line, and the progress line is redrawn below them.
import { expect, test } from 'vitest';
import { liveLineOf } from '../../../src/runner/live-line.ts';
import { createProgressLine } from '../../../src/runner/progress.ts';
import type { MetricRegistry } from '../../../src/runner/metrics/registry.ts';

const ERASE = '\r\x1b[2K';

function fakeStream() {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text) };
}

/** What a terminal shows: erase-line goes back to the start of the current line and blanks it. */
function screen(writes: readonly string[]): string[] {
  const lines = [''];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence is what is parsed.
  for (const chunk of writes.join('').split(/(\r\x1b\[2K|\n)/)) {
    if (chunk === ERASE) lines[lines.length - 1] = '';
    else if (chunk === '\n') lines.push('');
    else lines[lines.length - 1] += chunk;
  }
  return lines;
}

test('an event during progress: progress cleared, event on its own line, progress redrawn', () => {
  const stream = fakeStream();
  const live = liveLineOf(stream);
  live.draw('running (10s/30s)');
  live.writeAbove('[c4ang-perf] +12.3s chaos: injected');
  expect(stream.writes.at(-1)).toBe(`${ERASE}[c4ang-perf] +12.3s chaos: injected\nrunning (10s/30s)`);
  live.draw('running (11s/30s)');
  expect(screen(stream.writes)).toEqual(['[c4ang-perf] +12.3s chaos: injected', 'running (11s/30s)']);
});

test('without a live line an event is written as is, with its newline', () => {
  const stream = fakeStream();
  liveLineOf(stream).writeAbove('plain line');
  liveLineOf(stream).writeAbove('second\n');
  expect(stream.writes).toEqual(['plain line\n', 'second\n']);
});

test('after clear, events are no longer followed by a redraw', () => {
  const stream = fakeStream();
  const live = liveLineOf(stream);
  live.draw('running');
  live.clear();
  live.clear();
  live.writeAbove('done');
  expect(stream.writes).toEqual([`${ERASE}running`, ERASE, 'done\n']);
  expect(screen(stream.writes)).toEqual(['done', '']);
});

test('one coordinator per stream: the progress line and the event log share it', () => {
  const stream = fakeStream();
  const registry = { get: () => undefined } as unknown as MetricRegistry;
  const progress = createProgressLine(stream, registry, 30_000);
  progress.update(10_000, 5, 10);
  liveLineOf(stream).writeAbove('[c4ang-perf] event');
  expect(screen(stream.writes)).toEqual([
    '[c4ang-perf] event',
    'running (10s/30s), 5/10 VUs, 0 req/s, 0.00% errors',
  ]);
  progress.clear();
  expect(screen(stream.writes)).toEqual(['[c4ang-perf] event', '']);
  expect(liveLineOf(fakeStream())).not.toBe(liveLineOf(stream));
});
