// Where the chaos-mesh provider acts and which namespaces it may touch there: the namespace allowlist
// (option > C4ANG_PERF_CHAOS_NAMESPACES > per-target default), the in-cluster probe, and the ledger
// form of a target, which must never confuse an in-cluster entry with a context.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContext } from '../../../src/chaos/providers/chaos-mesh/context-guard.ts';
import {
  inClusterNamespace,
  type KubeTarget,
  namespaceAllowlist,
  targetFromLedger,
  targetToLedger,
} from '../../../src/chaos/providers/chaos-mesh/kube-target.ts';

const pod: KubeTarget = { kind: 'in-cluster', namespace: 'c4ang-perf' };
const laptop: KubeTarget = { kind: 'context', context: 'kind-c4ang' };

describe('namespace allowlist', () => {
  it('defaults to the platform namespace with a context, and to only its own namespace in a pod', () => {
    expect(namespaceAllowlist(undefined, {}, laptop).namespaces).toEqual(['ecommerce']);
    expect(namespaceAllowlist(undefined, {}, pod).namespaces).toEqual(['c4ang-perf']);
  });
  it('takes C4ANG_PERF_CHAOS_NAMESPACES, comma- or space-separated, in either place', () => {
    const env = { C4ANG_PERF_CHAOS_NAMESPACES: 'ecommerce, payments  search' };
    expect(namespaceAllowlist(undefined, env, pod).namespaces).toEqual(['ecommerce', 'payments', 'search']);
    expect(namespaceAllowlist(undefined, env, laptop).namespaces).toEqual([
      'ecommerce',
      'payments',
      'search',
    ]);
    expect(namespaceAllowlist(undefined, { C4ANG_PERF_CHAOS_NAMESPACES: '  ' }, pod).namespaces).toEqual([
      'c4ang-perf',
    ]);
  });
  it('names values that cannot be namespaces', () => {
    const { problems } = namespaceAllowlist(undefined, { C4ANG_PERF_CHAOS_NAMESPACES: 'ok,-bad,UPPER' }, pod);
    expect(problems).toEqual([
      'C4ANG_PERF_CHAOS_NAMESPACES: "-bad" is not a namespace name (RFC 1123 label)',
      'C4ANG_PERF_CHAOS_NAMESPACES: "UPPER" is not a namespace name (RFC 1123 label)',
    ]);
  });
  it('lets the provider option win over the environment', () => {
    const env = { C4ANG_PERF_CHAOS_NAMESPACES: 'payments' };
    expect(namespaceAllowlist(['ecommerce'], env, pod).namespaces).toEqual(['ecommerce']);
  });
});

describe('in-cluster probe', () => {
  it('needs both KUBERNETES_SERVICE_HOST and a readable namespace file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sa-'));
    const namespaceFile = join(dir, 'namespace');
    await writeFile(namespaceFile, 'c4ang-perf\n');
    const host = { KUBERNETES_SERVICE_HOST: '10.96.0.1' };
    expect(await inClusterNamespace({ env: host, namespaceFile })).toBe('c4ang-perf');
    expect(await inClusterNamespace({ env: {}, namespaceFile })).toBeUndefined();
    expect(await inClusterNamespace({ env: host, namespaceFile: join(dir, 'missing') })).toBeUndefined();
    await writeFile(namespaceFile, '\n');
    expect(await inClusterNamespace({ env: host, namespaceFile })).toBeUndefined();
  });
});

describe('ledger form of a target', () => {
  it('round-trips contexts (even ARNs with colons) and in-cluster targets', () => {
    const arn: KubeTarget = { kind: 'context', context: 'arn:aws:eks:eu-west-1:1:cluster/perf' };
    for (const target of [pod, laptop, arn]) expect(targetFromLedger(targetToLedger(target))).toEqual(target);
    expect(targetToLedger(pod)).toBe('in-cluster:c4ang-perf');
  });
  it('refuses a real context named like an in-cluster entry, so the two cannot be confused', () => {
    expect(checkContext('in-cluster:perf', { allowedContexts: [/perf/] }).join()).toMatch(
      /chaos ledger uses for in-cluster runs/,
    );
  });
});
