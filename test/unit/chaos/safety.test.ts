// Safety rails and bookkeeping: context/namespace allowlists, unique names and labels, the ledger
// (write before apply, remove after cleanup, torn lines), Chaos Mesh status parsing.
import { mkdtemp, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContext, checkNamespaces } from '../../../src/chaos/providers/chaos-mesh/context-guard.ts';
import { parseStatus } from '../../../src/chaos/providers/chaos-mesh/status.ts';
import { Ledger, isOwnerAlive } from '../../../src/chaos/ledger.ts';
import { labelValue, uniqueName } from '../../../src/chaos/names.ts';

describe('context guard', () => {
  it.each(['kind-c4ang', 'minikube', 'k3d-perf', 'docker-desktop', 'eks-staging', 'perf-cluster'])(
    'allows %s',
    (ctx) => {
      expect(checkContext(ctx)).toEqual([]);
    },
  );
  it('refuses production-looking contexts unless allowProduction', () => {
    expect(checkContext('perf-prod-eks').join()).toMatch(/looks like production/);
    expect(checkContext('perf-prod-eks', { allowProduction: true })).toEqual([]);
  });
  it('refuses contexts not on the allowlist, and takes an explicit list', () => {
    expect(checkContext('arn:aws:eks:eu-west-1:1:cluster/shop').join()).toMatch(/not on the allowlist/);
    expect(checkContext('shop', { allowedContexts: ['shop'] })).toEqual([]);
  });
  it('checks namespaces', () => {
    expect(checkNamespaces(['ecommerce'])).toEqual([]);
    expect(checkNamespaces(['kube-system']).join()).toMatch(/kube-system/);
  });
});

describe('names', () => {
  it('makes unique names within the length limit', () => {
    const a = uniqueName('x'.repeat(80), 57);
    expect(a.length).toBeLessThanOrEqual(57);
    expect(uniqueName('pod-kill-order-service')).not.toBe(uniqueName('pod-kill-order-service'));
    expect(labelValue('run 2024-01-01T10:00:00Z!')).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/);
  });
});

describe('ledger', () => {
  it('adds before apply, lists, removes, and skips a torn last line', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ledger-')), 'sub', 'chaos-ledger.ndjson');
    const ledger = new Ledger(path);
    const base = {
      runId: 'r1',
      provider: 'local' as const,
      kind: 'PodChaos',
      namespace: 'ecommerce',
      manifest: {},
    };
    await ledger.add({ ...base, id: 'a', name: 'a' });
    await ledger.add({ ...base, id: 'b', name: 'b' });
    await appendFile(path, '{"id":"torn');
    expect((await ledger.list()).map((e) => e.id)).toEqual(['a', 'b']);
    await ledger.remove('a');
    const left = await ledger.list();
    expect(left.map((e) => e.id)).toEqual(['b']);
    expect(isOwnerAlive(left[0]!)).toBe(true);
    expect(isOwnerAlive({ ...left[0]!, pid: 2 ** 22 + 1 })).toBe(false);
  });
});

describe('parseStatus', () => {
  it('reads conditions, targets and Apply/Recover event times', () => {
    const status = parseStatus(
      JSON.stringify({
        status: {
          conditions: [
            { type: 'Selected', status: 'True' },
            { type: 'AllInjected', status: 'True' },
            { type: 'AllRecovered', status: 'False' },
          ],
          experiment: {
            desiredPhase: 'Run',
            containerRecords: [
              {
                id: 'ecommerce/order-service-1',
                phase: 'Injected',
                events: [{ type: 'Succeeded', operation: 'Apply', timestamp: '2030-01-01T00:00:01Z' }],
              },
            ],
          },
        },
      }),
    );
    expect(status.conditions).toEqual({ Selected: true, AllInjected: true, AllRecovered: false });
    expect(status.targets).toEqual(['ecommerce/order-service-1']);
    expect(status.events).toEqual([
      {
        target: 'ecommerce/order-service-1',
        operation: 'Apply',
        type: 'Succeeded',
        at: '2030-01-01T00:00:01Z',
      },
    ]);
  });
});
