// The mTLS check of the security profile against kubectl's contract, through the recording fake
// kubectl first on PATH: read-only calls pinned to the context found, Istio's resolution of the
// policies it lists, and every way of not reaching a cluster reported as "not checked", never thrown.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMtls } from '../../../src/results/security/check-mtls.ts';
import { fakeKubectl, type KubectlCall } from '../chaos/helpers/fake-kubectl.ts';
import { podEnvironment } from '../chaos/helpers/pod-environment.ts';

/** The fixture case with a kube context: nothing of the machine's own cluster settings leaks in. */
async function withContext(caseName: string) {
  const fake = await fakeKubectl(caseName);
  const { KUBERNETES_SERVICE_HOST: _host, ...env } = fake.env;
  return { env, calls: fake.calls };
}

const READ_ONLY = /^(version|config current-context|get )/;
const verbsOf = (calls: KubectlCall[]) =>
  calls.map((c) => (c.argv[0] === '--context' ? c.argv.slice(2) : c.argv).join(' '));

describe('checkMtls', () => {
  it('reports STRICT from the namespace policy, with read-only calls pinned to the context', async () => {
    const { env, calls } = await withContext('mtls-strict');
    const check = await checkMtls({ namespace: 'ecommerce', env });
    expect(check).toMatchObject({
      checked: true,
      where: 'context kind-c4ang',
      namespace: 'ecommerce',
      mode: 'STRICT',
      source: 'ecommerce/default',
      strict: true,
    });
    const recorded = await calls();
    expect(verbsOf(recorded).every((call) => READ_ONLY.test(call))).toBe(true);
    const get = recorded.find((c) => c.argv.includes('get'))!;
    expect(get.argv).toEqual([
      '--context',
      'kind-c4ang',
      'get',
      'peerauthentications.security.istio.io',
      '-n',
      'ecommerce',
      '-o',
      'json',
    ]);
  });

  it('asks istio-system for the mesh-wide policy when the namespace has none, and names a PERMISSIVE workload', async () => {
    const { env, calls } = await withContext('mtls-workload-permissive');
    const check = await checkMtls({ namespace: 'ecommerce', env });
    expect(check).toMatchObject({
      checked: true,
      mode: 'STRICT',
      source: 'istio-system/default',
      strict: false,
      weakening: ['ecommerce/order-legacy sets PERMISSIVE for app=order-api'],
    });
    expect(verbsOf(await calls()).filter((c) => c.startsWith('get'))).toEqual([
      'get peerauthentications.security.istio.io -n ecommerce -o json',
      'get peerauthentications.security.istio.io -n istio-system -o json',
    ]);
  });

  it('finds no Istio a finding: mTLS is not STRICT', async () => {
    const { env } = await withContext('mtls-no-istio');
    expect(await checkMtls({ namespace: 'ecommerce', env })).toMatchObject({ checked: true, strict: false });
  });

  it('is not checked without a context outside a pod', async () => {
    const { env } = await withContext('mtls-no-context');
    expect(await checkMtls({ namespace: 'ecommerce', env })).toEqual({
      checked: false,
      reason: 'not checked: no cluster reachable (no kubectl context)',
    });
  });

  it('is not checked when the cluster refuses the read, saying why', async () => {
    const { env } = await withContext('mtls-forbidden');
    const check = await checkMtls({ namespace: 'ecommerce', env });
    expect(check.checked).toBe(false);
    expect(!check.checked && check.reason).toMatch(
      /^not checked: kubectl get .* on context staging-eks failed \(Error from server \(Forbidden\)/,
    );
  });

  it('is not checked when kubectl is not installed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-kubectl-'));
    expect(await checkMtls({ namespace: 'ecommerce', env: { PATH: empty } })).toEqual({
      checked: false,
      reason: 'not checked: kubectl not found',
    });
  });

  it('asks as the service account in a pod without a kubeconfig', async () => {
    const pod = await podEnvironment('mtls-no-context', { namespace: 'c4ang-perf' });
    const check = await checkMtls({ namespace: 'ecommerce', env: pod.env, namespaceFile: pod.namespaceFile });
    // The fixture has no policies to list: an empty answer is unreadable, so not checked — but in-cluster.
    expect(check).toEqual({
      checked: false,
      reason: expect.stringContaining('on in-cluster (service account of c4ang-perf) failed'),
    });
  });
});
