// Simulated service time per operation (base + uniform jitter), so a run can model the real services.
// Runs in: Node (replica).
import type { LatencySpec, OperationName } from '../types.ts';

export function createLatencySimulator(
  latency: Record<OperationName, LatencySpec>,
): (op: OperationName) => Promise<void> {
  return (op) => {
    const spec = latency[op];
    const delayMs = spec ? spec.baseMs + Math.random() * spec.jitterMs : 0;
    if (delayMs <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, delayMs));
  };
}
