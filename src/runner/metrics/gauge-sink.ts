// Gauge sink: k6's Gauge keeps the last value plus min and max. "Last" is by sample time, so merging
// deltas from several worker threads is last-writer-wins by time, not by arrival order.
// Runs in: Node (runner main thread and VU worker threads).
import type { Sink, SinkDelta } from './types.ts';

export class GaugeSink implements Sink {
  count = 0;
  last = 0;
  lastTimeMs = Number.NEGATIVE_INFINITY;
  min = 0;
  max = 0;

  add(value: number, timeMs: number): void {
    if (this.count === 0 || value < this.min) this.min = value;
    if (this.count === 0 || value > this.max) this.max = value;
    this.count++;
    // Equal times: the later call wins, like a plain "set".
    if (timeMs >= this.lastTimeMs) {
      this.last = value;
      this.lastTimeMs = timeMs;
    }
  }

  value(stat: string): number | undefined {
    if (stat === 'value') return this.last;
    if (stat === 'min') return this.min;
    if (stat === 'max') return this.max;
    return undefined;
  }

  seriesValues(): Record<string, number> {
    return { value: this.last, min: this.min, max: this.max };
  }

  takeDelta(): SinkDelta {
    const { count, last: value, lastTimeMs: timeMs, min, max } = this;
    this.count = 0;
    this.last = 0;
    this.lastTimeMs = Number.NEGATIVE_INFINITY;
    this.min = 0;
    this.max = 0;
    return { kind: 'gauge', count, value, timeMs, min, max };
  }

  mergeDelta(delta: SinkDelta): void {
    if (delta.kind !== 'gauge') throw new TypeError(`cannot merge a ${delta.kind} delta into a gauge`);
    if (delta.count === 0) return;
    if (this.count === 0 || delta.min < this.min) this.min = delta.min;
    if (this.count === 0 || delta.max > this.max) this.max = delta.max;
    this.count += delta.count;
    if (delta.timeMs >= this.lastTimeMs) {
      this.last = delta.value;
      this.lastTimeMs = delta.timeMs;
    }
  }
}
