// Rate sink: k6's Rate is the fraction of non-zero samples (true counts as 1, false as 0).
// Runs in: Node (runner main thread and VU worker threads).
import type { Sink, SinkDelta } from './types.ts';

export class RateSink implements Sink {
  passes = 0;
  fails = 0;

  get count(): number {
    return this.passes + this.fails;
  }

  add(value: number): void {
    if (value !== 0) this.passes++;
    else this.fails++;
  }

  value(stat: string): number | undefined {
    if (stat === 'rate') return this.count > 0 ? this.passes / this.count : 0;
    if (stat === 'passes') return this.passes;
    if (stat === 'fails') return this.fails;
    return undefined;
  }

  seriesValues(): Record<string, number> {
    return { rate: this.value('rate') as number, passes: this.passes, fails: this.fails };
  }

  takeDelta(): SinkDelta {
    const delta: SinkDelta = { kind: 'rate', passes: this.passes, fails: this.fails };
    this.passes = 0;
    this.fails = 0;
    return delta;
  }

  mergeDelta(delta: SinkDelta): void {
    if (delta.kind !== 'rate') throw new TypeError(`cannot merge a ${delta.kind} delta into a rate`);
    this.passes += delta.passes;
    this.fails += delta.fails;
  }
}
