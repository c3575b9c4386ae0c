// What a pod looks like to the chaos-mesh provider, for the in-cluster contract tests: the recording
// fake kubectl first on PATH (a fixture case), KUBERNETES_SERVICE_HOST as the kubelet sets it, and the
// service account's namespace file (a temp file standing in for the mounted one). Node side; tests only.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubectlCall, fakeKubectl } from './fake-kubectl.ts';

export interface PodEnvironmentOptions {
  /** The service account's namespace; null = no namespace file (no token mounted). Default c4ang-perf. */
  namespace?: string | null;
  /** Value of C4ANG_PERF_CHAOS_NAMESPACES; undefined = unset. */
  chaosNamespaces?: string;
  /** Whether KUBERNETES_SERVICE_HOST is set (default true). */
  inPod?: boolean;
}

export interface PodEnvironment {
  env: NodeJS.ProcessEnv;
  calls: () => Promise<KubectlCall[]>;
  namespaceFile: string;
}

export async function podEnvironment(
  caseName: string,
  options: PodEnvironmentOptions = {},
): Promise<PodEnvironment> {
  const fake = await fakeKubectl(caseName);
  const dir = await mkdtemp(join(tmpdir(), 'serviceaccount-'));
  const namespaceFile = join(dir, 'namespace');
  const namespace = options.namespace === undefined ? 'c4ang-perf' : options.namespace;
  if (namespace !== null) await writeFile(namespaceFile, namespace);
  // Whatever the machine running the tests has set must not leak into the case.
  const { KUBERNETES_SERVICE_HOST: _host, C4ANG_PERF_CHAOS_NAMESPACES: _ns, ...env } = fake.env;
  if (options.inPod ?? true) env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
  if (options.chaosNamespaces !== undefined) env.C4ANG_PERF_CHAOS_NAMESPACES = options.chaosNamespaces;
  return { env, calls: fake.calls, namespaceFile };
}
