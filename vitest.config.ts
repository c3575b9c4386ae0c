// Test tiers, cheapest first. Each tier has its own npm script (test:unit, test:contract, test:e2e,
// test:k6, test:long); `npm test` runs unit, contract and e2e; test:long (minutes per case) and the
// drills run beside it in CI; k6 needs a real k6 binary on PATH. Drills (test/drills) use the
// harness as a user does — real processes through the npm scripts — and take minutes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          // Two cores: e2e cases start real processes and measure latency, so run files one at a time.
          fileParallelism: false,
        },
      },
      {
        // e2e cases that take minutes each (the canary's statistical comparisons need a few thousand
        // requests per version): their own tier, so `npm test` stays near ten minutes on two cores.
        test: {
          name: 'long',
          include: ['test/long/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      { test: { name: 'k6', include: ['test/k6/**/*.test.ts'], testTimeout: 300_000 } },
      {
        test: {
          name: 'drills',
          include: ['test/drills/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
