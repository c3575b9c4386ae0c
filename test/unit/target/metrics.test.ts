import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../../src/target/metrics.ts';

describe('MetricsRegistry', () => {
  it('renders counters, cumulative histogram buckets and collected gauges in Prometheus text format', () => {
    const registry = new MetricsRegistry();
    registry.increment('http_requests_total', 'Requests.', { status: '200' });
    registry.increment('http_requests_total', 'Requests.', { status: '200' });
    registry.observe('latency_seconds', 'Latency.', [0.1, 1], { op: 'a' }, 0.5);
    registry.collect('up', 'Up.', 'gauge', () => [[{ pod: 'x"y' }, 1]]);
    const text = registry.render();
    expect(text).toContain('# TYPE http_requests_total counter\nhttp_requests_total{status="200"} 2');
    expect(text).toContain('latency_seconds_bucket{op="a",le="0.1"} 0');
    expect(text).toContain('latency_seconds_bucket{op="a",le="1"} 1');
    expect(text).toContain('latency_seconds_bucket{op="a",le="+Inf"} 1');
    expect(text).toContain('latency_seconds_count{op="a"} 1');
    expect(text).toContain('up{pod="x\\"y"} 1');
  });
});
