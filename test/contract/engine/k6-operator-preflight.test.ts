// The k6-operator engine's preflight, via the recording fake kubectl: the rails that stop a run before
// anything is applied — a production-looking or unlisted context, k6-operator not installed, the API
// server rejecting the server-side dry run, more runners than VUs.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { verbsOf } from './helpers/operator-cluster.ts';
import { setUpOperatorRun } from './helpers/operator-engine-run.ts';

describe('k6-operator preflight (fake kubectl)', () => {
  it('refuses a production-looking context and applies nothing', async () => {
    const { prepare, cluster } = await setUpOperatorRun({ context: 'eks-prod-eu', stages: [], pods: [] });
    const error = await prepare().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(/eks-prod-eu.*looks like production/);
    expect(verbsOf(await cluster.calls())).toEqual(['version --client', 'config current-context']);
  });

  it('refuses a context not on the allowlist', async () => {
    const { prepare } = await setUpOperatorRun({ context: 'my-laptop-cluster', stages: [], pods: [] });
    await expect(prepare()).rejects.toThrow(/not on the allowlist/);
  });

  it('says k6-operator is missing when the TestRun CRD is not served', async () => {
    const { prepare, cluster } = await setUpOperatorRun({ crdServed: false, stages: [], pods: [] });
    await expect(prepare()).rejects.toThrow(
      /TestRun CRD \(testruns\.k6\.io\) is missing.*install k6-operator/,
    );
    expect(verbsOf(await cluster.calls())).not.toContain('apply --dry-run=server');
  });

  it("passes on the API server's rejection of the server-side dry run, before anything is applied", async () => {
    const { prepare, cluster } = await setUpOperatorRun({
      dryRunRejects: 'error: namespaces "c4ang-perf" not found',
      stages: [],
      pods: [],
    });
    await expect(prepare()).rejects.toThrow(
      /rejected the run's objects: error: namespaces "c4ang-perf" not found/,
    );
    expect(verbsOf(await cluster.calls()).filter((v) => v.startsWith('apply'))).toEqual([
      'apply --dry-run=server',
    ]);
  });

  it('refuses more runners than the run has VUs, before contacting the cluster', async () => {
    const { prepare, cluster } = await setUpOperatorRun({ stages: [], pods: [] }, { parallelism: '11' });
    await expect(prepare()).rejects.toThrow(/--parallelism: 11 runners for a normal run of at most 10 VU/);
    expect(await cluster.calls()).toEqual([]);
  });
});
