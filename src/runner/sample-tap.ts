// Lets `--out json` see every sample: wraps one registry instance's add() so each recorded sample is
// also handed to `onSample` (the k6 JSON writer in-process, or an encoder in a worker thread).
// Runs in: Node (any runner thread).
import type { MetricRegistry } from './metrics/registry.ts';
import type { Tags } from './metrics/types.ts';

type SampleListener = (metric: string, value: number, tags: Tags, timeMs: number) => void;

export function tapRegistry(registry: MetricRegistry, onSample: SampleListener): void {
  const add = registry.add.bind(registry);
  registry.add = (name: string, value: number | boolean, tags: Tags, timeMs: number = Date.now()) => {
    add(name, value, tags, timeMs);
    onSample(name, typeof value === 'boolean' ? (value ? 1 : 0) : value, tags, timeMs);
  };
}
