// The nightly soak CronJob as an operator depends on it: one run at a time and no retries, a deadline
// that fits the scaled soak and ends before the next night, the service account the Role is bound
// to, a locked-down non-root pod whose writable places are exactly where the harness writes, the
// target from the Secret, results on the persistent volume, and chaos manifests that exist and are
// allowed where they act.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { loadExperiments } from '../../../src/chaos/index.ts';
import { validateChaosMesh } from '../../../src/chaos/providers/chaos-mesh/preflight.ts';
import { DELETE_STEP_TIMEOUT_MS, VERIFY_TIMEOUT_MS } from '../../../src/chaos/timeouts.ts';
import { nominalDurationMs } from '../../../src/vu/options.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';
import { containerEnv, cronJob, deployObjects, soakContainer } from './helpers/deploy-manifests.ts';

const job = () => cronJob().spec!.jobTemplate.spec!;
const pod = () => job().template.spec!;
const dockerfile = DockerfileParser.parse(readFileSync('deploy/Dockerfile', 'utf8'));
const imageEnv = (name: string) =>
  dockerfile
    .getENVs()
    .flatMap((e) => e.getProperties())
    .find((p) => p.getName() === name)
    ?.getValue();

describe('nightly soak CronJob', () => {
  it('runs once a night, never two at once, and never retries a failed soak', () => {
    const spec = cronJob().spec!;
    expect(spec.schedule).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(spec.concurrencyPolicy).toBe('Forbid');
    expect(job().backoffLimit).toBe(0);
    expect(pod().restartPolicy).toBe('Never');
  });

  it('gives the scaled soak time to finish, and ends before the next night starts', () => {
    const loadScale = Number(containerEnv('LOAD_SCALE'));
    expect(loadScale).toBeGreaterThan(0);
    const soakS = nominalDurationMs(PROFILES.soak, { loadScale, vuScale: 1 }) / 1000;
    const deadline = job().activeDeadlineSeconds!;
    // Preflight, bundling, chaos recovery, verdict and report take minutes; half an hour is ample.
    expect(deadline).toBeGreaterThanOrEqual(soakS + 30 * 60);
    expect(deadline).toBeLessThan(24 * 3600 - 3600);
  });

  it('leaves the harness time to recover chaos when stopped (deadline, drain)', () => {
    // Worst case: delete, force annotation and finalizer patch each wait a step, then readiness.
    const worstS = (3 * DELETE_STEP_TIMEOUT_MS + VERIFY_TIMEOUT_MS) / 1000;
    expect(pod().terminationGracePeriodSeconds).toBeGreaterThanOrEqual(worstS);
  });

  it('runs as the service account the chaos Role is bound to', () => {
    const account = deployObjects().find((o) => o.object.kind === 'ServiceAccount')!.object;
    expect(pod().serviceAccountName).toBe(account.metadata.name);
    expect(account.metadata.namespace).toBe(cronJob().metadata.namespace);
    expect(pod().automountServiceAccountToken).not.toBe(false);
  });

  it('runs non-root, without privilege escalation or capabilities, on a read-only root', () => {
    const podSecurity = pod().securityContext!;
    expect(podSecurity.runAsNonRoot).toBe(true);
    expect(podSecurity.runAsUser).toBeGreaterThan(0);
    const imageUser = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'USER')
      .pop()!;
    expect(String(podSecurity.runAsUser)).toBe(imageUser.getArguments()[0]!.getValue().split(':')[0]);
    expect(podSecurity.seccompProfile?.type).toBe('RuntimeDefault');
    const container = soakContainer().securityContext!;
    expect(container.allowPrivilegeEscalation).toBe(false);
    expect(container.readOnlyRootFilesystem).toBe(true);
    expect(container.capabilities?.drop).toEqual(['ALL']);
    expect(container.privileged).not.toBe(true);
  });

  it('mounts something writable wherever the harness writes: HOME, the scenario bundle, the results', () => {
    const mounts = (soakContainer().volumeMounts ?? []).filter((m) => !m.readOnly).map((m) => m.mountPath);
    for (const place of [imageEnv('HOME'), '/app/dist', containerEnv('C4ANG_PERF_RESULTS')])
      expect(mounts, `${place}`).toContain(place);
  });

  it('keeps results on the persistent volume claim of deploy/k8s, so history.ndjson and the ledger persist', () => {
    const resultsRoot = containerEnv('C4ANG_PERF_RESULTS');
    expect(resultsRoot).toBe(imageEnv('C4ANG_PERF_RESULTS'));
    const mount = soakContainer().volumeMounts!.find((m) => m.mountPath === resultsRoot)!;
    const volume = pod().volumes!.find((v) => v.name === mount.name)!;
    const claim = deployObjects().find((o) => o.object.kind === 'PersistentVolumeClaim')!.object;
    expect(volume.persistentVolumeClaim?.claimName).toBe(claim.metadata.name);
    expect(claim.metadata.namespace).toBe(cronJob().metadata.namespace);
  });

  it('takes BASE_URL and AUTH_TOKEN from the c4ang-perf-target Secret, never inline', () => {
    const env = soakContainer().env ?? [];
    const fromSecret = (name: string) => env.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    expect(fromSecret('BASE_URL')).toEqual({ name: 'c4ang-perf-target', key: 'BASE_URL' });
    expect(fromSecret('AUTH_TOKEN')).toMatchObject({ name: 'c4ang-perf-target', key: 'AUTH_TOKEN' });
    for (const e of env) if (/TOKEN|PASSWORD|SECRET/.test(e.name)) expect(e.value, e.name).toBeUndefined();
  });

  it('asks for CPU and memory and bounds memory', () => {
    const { requests, limits } = soakContainer().resources!;
    expect(requests?.cpu).toBeDefined();
    expect(requests?.memory).toBeDefined();
    expect(limits?.memory).toBeDefined();
  });

  it('keeps an Istio sidecar out of the pod (a running sidecar would keep the Job from completing)', () => {
    expect(job().template.metadata?.labels?.['sidecar.istio.io/inject']).toBe('false');
  });

  it('injects chaos manifests that exist, validate and act only in namespaces it allows', async () => {
    const manifests = (containerEnv('SOAK_CHAOS') ?? '').split(/\s+/).filter(Boolean);
    expect(manifests.length).toBeGreaterThan(0);
    const loaded = await loadExperiments(manifests);
    expect(loaded.problems).toEqual([]);
    const env = { C4ANG_PERF_CHAOS_NAMESPACES: containerEnv('C4ANG_PERF_CHAOS_NAMESPACES') };
    expect(validateChaosMesh(loaded.experiments, {}, env)).toEqual([]);
  });
});
