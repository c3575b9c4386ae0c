// The security profile as a gate step, as a user runs the gate: a smoke step beside a security step
// whose `standinSecurity: on` gives that step's stand-in its security rules. Both pass, and the gate's
// table lists every security criterion of the step by name.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROBES, PROBE_NAMES } from '../../../src/vu/security/probe-catalogue.ts';
import { npmRun } from '../npm-run.ts';

const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-gate-security-'));

describe('npm run gate with a security step', () => {
  test('passes, the security step judged on a stand-in with its rules on', async () => {
    const run = npmRun(
      'gate',
      ['--config', 'test/fixtures/gate/security-step/gate.config.yaml', '--results-dir', resultsRoot, '-q'],
      // Whatever the machine says, the step's own switch decides; the smoke step runs without rules.
      { C4ANG_PERF_STANDIN_SECURITY: 'off', AUTH_TOKEN: '' },
    );
    expect(await run.exited, run.stderr()).toBe(0);
    const folder = readdirSync(resultsRoot).find((d) =>
      /^gate-security-step-\d{8}-\d{6}-[0-9a-f]{8}$/.test(d),
    );
    const gate = readFileSync(path.join(resultsRoot, folder!, 'gate.md'), 'utf8');
    for (const name of PROBE_NAMES)
      expect(gate).toMatch(new RegExp(`\\| 2\\. security \\| ${PROBES[name].criterion} \\|.*✅ pass \\|`));
    expect(gate).toMatch(/\| 2\. security \| security-mtls-strict \|.*not measured: not checked/);
  });
});
