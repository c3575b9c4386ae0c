// Picks the sink implementation for a metric type (one file per type, see *-sink.ts).
// Runs in: Node (runner main thread and VU worker threads).
import { CounterSink } from './counter-sink.ts';
import { GaugeSink } from './gauge-sink.ts';
import { RateSink } from './rate-sink.ts';
import { TrendSink } from './trend-sink.ts';
import type { MetricType, Sink } from './types.ts';

/** `compact`: the sink holds one second of one series, so prefer small memory over record speed. */
export function createSink(type: MetricType, compact = false): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendSink({ compact });
  }
}
