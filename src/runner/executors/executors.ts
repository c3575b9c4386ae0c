// Executor lookup by k6 executor name. Runs in: VU thread.
import type { ExecutorName } from '../options/scenario-types.ts';
import { runConstantArrivalRate } from './constant-arrival-rate.ts';
import { runConstantVus } from './constant-vus.ts';
import type { Executor } from './executor-context.ts';
import { runPerVuIterations } from './per-vu-iterations.ts';
import { runRampingArrivalRate } from './ramping-arrival-rate.ts';
import { runRampingVus } from './ramping-vus.ts';
import { runSharedIterations } from './shared-iterations.ts';

export const EXECUTOR_BY_NAME: Readonly<Record<ExecutorName, Executor>> = {
  'shared-iterations': runSharedIterations,
  'per-vu-iterations': runPerVuIterations,
  'constant-vus': runConstantVus,
  'ramping-vus': runRampingVus,
  'constant-arrival-rate': runConstantArrivalRate,
  'ramping-arrival-rate': runRampingArrivalRate,
};
