// The one exit-code decision of a run, as a table: an interruption wins, a harness error keeps its
// own code, the engine's script errors (107, 108) win over the verdict, the engine's 0 / 99 leave
// the decision to the verdict (a breakpoint abort with a passing verdict exits 0), no verdict → 1.
import { expect, test } from 'vitest';
import { type ExitInputs, exitCodeForRun } from '../../../src/results/verdict-exit-code.ts';

const cases: [string, ExitInputs, number][] = [
  // Interrupted: 105 whatever else happened.
  ['interrupted, verdict passed', { pass: true, status: 'interrupted' }, 105],
  ['interrupted, verdict failed', { pass: false, status: 'interrupted', engineExitCode: 99 }, 105],
  ['interrupted, engine script error', { pass: false, status: 'interrupted', engineExitCode: 107 }, 105],
  ['interrupted, no verdict', { pass: undefined, status: 'interrupted' }, 105],
  // A harness error: its own code.
  ['failed with invalid input', { pass: undefined, status: 'failed', errorExitCode: 104 }, 104],
  ['failed with an internal error', { pass: false, status: 'failed', errorExitCode: 1 }, 1],
  ['failed with a script error', { pass: false, status: 'failed', errorExitCode: 107 }, 107],
  [
    'failed, verdict passed, engine 0',
    { pass: true, status: 'failed', errorExitCode: 104, engineExitCode: 0 },
    104,
  ],
  ['failed without an error code', { pass: undefined, status: 'failed' }, 1],
  // The engine reported the script: that wins over any verdict.
  ['engine 107, verdict passed', { pass: true, status: 'finished', engineExitCode: 107 }, 107],
  ['engine 107, verdict failed', { pass: false, status: 'finished', engineExitCode: 107 }, 107],
  ['engine 108, verdict passed', { pass: true, status: 'finished', engineExitCode: 108 }, 108],
  ['engine 108, no verdict', { pass: undefined, status: 'finished', engineExitCode: 108 }, 108],
  // Engine 0 or 99: the verdict decides.
  ['engine 0, verdict passed', { pass: true, status: 'finished', engineExitCode: 0 }, 0],
  ['engine 0, verdict failed', { pass: false, status: 'finished', engineExitCode: 0 }, 99],
  ['engine 99, verdict failed', { pass: false, status: 'finished', engineExitCode: 99 }, 99],
  [
    'breakpoint: engine 99 (abort), verdict passed',
    { pass: true, status: 'finished', engineExitCode: 99 },
    0,
  ],
  ['no engine code, verdict passed', { pass: true, status: 'finished', engineExitCode: null }, 0],
  ['engine code absent, verdict failed', { pass: false, status: 'finished' }, 99],
  // No verdict at all.
  ['no verdict, engine 0', { pass: undefined, status: 'finished', engineExitCode: 0 }, 1],
  ['no verdict, engine 99', { pass: undefined, status: 'finished', engineExitCode: 99 }, 1],
  ['no verdict, no engine code', { pass: undefined, status: 'finished' }, 1],
];

test.each(cases)('%s → %i', (_, inputs, expected) => {
  expect(exitCodeForRun(inputs)).toBe(expected);
});
