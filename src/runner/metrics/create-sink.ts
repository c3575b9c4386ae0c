// Picks the sink implementation for a metric type (one file per type, see *-sink.ts).
// Runs in: Node (runner main thread and VU worker threads).
import { CounterSink } from './counter-sink.ts';
import { GaugeSink } from './gauge-sink.ts';
import { RateSink } from './rate-sink.ts';
import { SecondTrendSink } from './second-trend-sink.ts';
import { TrendSink } from './trend-sink.ts';
import type { MetricType, Sink } from './types.ts';

/** `perSecond`: the sink holds one second of one series (small, raw samples first). */
export function createSink(type: MetricType, perSecond = false): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return perSecond ? new SecondTrendSink() : new TrendSink();
  }
}
