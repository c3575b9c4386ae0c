// `k6/metrics` for one VU: Counter, Gauge, Rate, Trend(name, isTime). Declared in the init context
// (as k6 requires); add(value, tags) records with the VU's current tags. Runs in: VU thread.
import type { MetricType } from '../metrics/types.ts';
import type { Vu } from '../vu.ts';

export function createMetricsModule(vu: Vu) {
  const make = (type: MetricType) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (!vu.inInit)
          throw new Error(`metrics must be declared in the init context (new ${type} '${name}')`);
        vu.host.registry.define(name, type, isTime ? 'time' : 'default');
        this.name = name;
      }
      add(value: number | boolean, tags?: Record<string, string>): boolean {
        const number = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
        if (Number.isNaN(number))
          throw new Error(`'${String(value)}' is an invalid value for metric '${this.name}'`);
        const base = vu.sampleTags();
        vu.emit(this.name, number, tags ? { ...base, ...tags } : base);
        return true;
      }
    };
  return { Counter: make('counter'), Gauge: make('gauge'), Rate: make('rate'), Trend: make('trend') };
}
