// Counter sink: k6's Counter keeps a running sum; its rate is sum per second of test time.
// Runs in: Node (runner main thread and VU worker threads).
import type { Sink, SinkDelta } from './types.ts';

export class CounterSink implements Sink {
  count = 0;
  sum = 0;

  add(value: number): void {
    this.count++;
    this.sum += value;
  }

  value(stat: string, testDurationMs: number): number | undefined {
    if (stat === 'count') return this.sum;
    // A zero-length test has no meaningful rate; report 0 rather than Infinity/NaN.
    if (stat === 'rate') return testDurationMs > 0 ? this.sum / (testDurationMs / 1000) : 0;
    return undefined;
  }

  seriesValues(): Record<string, number> {
    return { count: this.sum, rate: this.sum };
  }

  takeDelta(): SinkDelta {
    const delta: SinkDelta = { kind: 'counter', count: this.count, sum: this.sum };
    this.count = 0;
    this.sum = 0;
    return delta;
  }

  mergeDelta(delta: SinkDelta): void {
    if (delta.kind !== 'counter') throw new TypeError(`cannot merge a ${delta.kind} delta into a counter`);
    this.count += delta.count;
    this.sum += delta.sum;
  }
}
