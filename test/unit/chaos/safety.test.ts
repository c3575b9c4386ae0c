// Safety rails and bookkeeping: context/namespace allowlists, unique names and labels, Chaos Mesh
// status parsing. The ledger has its own file (ledger.test.ts).
import { describe, expect, it } from 'vitest';
import { checkContext, checkNamespaces } from '../../../src/chaos/providers/chaos-mesh/context-guard.ts';
import { parseStatus } from '../../../src/chaos/providers/chaos-mesh/status.ts';
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
