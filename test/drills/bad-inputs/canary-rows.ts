// Bad inputs of a canary run (`npm run load:canary`) and of the stand-in's v2: each a 104 before
// anything starts, naming the flag or variable.
import type { Row } from './row.ts';

export const CANARY_ROWS: readonly Row[] = [
  {
    name: 'load:canary --split 0',
    script: 'load:canary',
    args: ['--split', '0'],
    expect: /--split: must be a percentage/,
  },
  {
    name: 'load:canary --header without a value',
    script: 'load:canary',
    args: ['--header', 'x-version'],
    expect: /--header: must be <header name>=<value>/,
  },
  {
    name: 'load:canary --steps falling',
    script: 'load:canary',
    args: ['--steps', '50,10'],
    expect: /--steps: shares must rise/,
  },
  {
    name: 'load:canary --split with --steps',
    script: 'load:canary',
    args: ['--split', '10', '--steps', '10,50'],
    expect: /--steps: give --split .* or --steps/,
  },
  {
    name: 'load:canary --step-for longer than the profile',
    script: 'load:canary',
    args: ['--step-for', '2h'],
    expect: /--step-for: at most the normal profile's own length, 30m/,
  },
  {
    name: 'load:canary --p95-tolerance ten',
    script: 'load:canary',
    args: ['--p95-tolerance', 'ten'],
    expect: /--p95-tolerance: must be a number/,
  },
  {
    name: 'load:canary --service orders',
    script: 'load:canary',
    args: ['--service', 'orders'],
    expect: /--service: must be all or one of/,
  },
  {
    name: 'load:canary --dry-run (not a canary flag)',
    script: 'load:canary',
    args: ['--dry-run'],
    expect: /unknown option '--dry-run'/,
  },
  {
    name: 'C4ANG_PERF_STANDIN_V2 naming no service',
    script: 'load:canary',
    args: [],
    env: { C4ANG_PERF_STANDIN_V2: 'orders,slowdown=3' },
    expect: /C4ANG_PERF_STANDIN_V2: "orders" is not a service/,
  },
  {
    name: 'target --v2 with a faster v2',
    script: 'target',
    args: ['--v2', 'order-service,slowdown=0.5', '--port', '0', '--admin-port', '0'],
    expect: /--v2: slowdown must be a factor with 1 ≤ f ≤ 100/,
  },
];
