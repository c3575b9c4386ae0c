// The three objects a k6-operator run applies, in apply order: the Secret (target URL, host header,
// token), the ConfigMap (the bundled scenario) and the TestRun that runs it on `parallelism` runner
// pods of the harness image. Plain objects, serialised by the caller (JSON for kubectl, YAML for
// --dry-run). Runs in: Node; pure.
import type { OperatorRunPlan } from './operator-plan.ts';
import {
  DEFAULT_REPORT_EVERY_S,
  PROFILE_ENV,
  REPORT_EVERY_ENV,
  RUNNER_SWITCH_ENV,
  SECRET_ENV_NAMES,
} from './operator-plan.ts';
import { TESTRUN_API_VERSION } from './testrun-schema.ts';

export interface K8sManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** What a --dry-run Secret holds instead of each value: the keys are real, the values are not. */
export const REDACTED = '<set by the harness at run time>';

/** The UID of the harness image's user (deploy/Dockerfile `USER 1000:1000`). */
const IMAGE_USER = 1000;
/** The one writable folder of a runner pod (read-only root): tsx's cache and handleSummary write there. */
const SCRATCH = { name: 'tmp', mountPath: '/tmp' };

function metadata(plan: OperatorRunPlan) {
  return { name: plan.name, namespace: plan.namespace, labels: { ...plan.labels } };
}

export function secretManifest(plan: OperatorRunPlan, options: { redact: boolean }): K8sManifest {
  const stringData = Object.fromEntries(
    Object.entries(plan.secretEnv).map(([key, value]) => [key, options.redact ? REDACTED : value]),
  );
  return { apiVersion: 'v1', kind: 'Secret', metadata: metadata(plan), type: 'Opaque', stringData };
}

export function configMapManifest(plan: OperatorRunPlan, bundle: string): K8sManifest {
  // Immutable: the script of a run cannot be edited under it (and the kubelet need not watch it).
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(plan),
    immutable: true,
    data: { [plan.scriptFile]: bundle },
  };
}

export function testRunManifest(plan: OperatorRunPlan): K8sManifest {
  const env = [
    ...Object.entries(plan.inlineEnv).map(([name, value]) => ({ name, value })),
    { name: RUNNER_SWITCH_ENV, value: '1' },
    { name: PROFILE_ENV, value: plan.profile },
    { name: REPORT_EVERY_ENV, value: String(DEFAULT_REPORT_EVERY_S) },
    ...SECRET_ENV_NAMES.filter((name) => plan.secretEnv[name] !== undefined).map((name) => ({
      name,
      valueFrom: { secretKeyRef: { name: plan.name, key: name } },
    })),
  ];
  const podLabels = { metadata: { labels: { ...plan.labels } } };
  const nonRoot = {
    runAsNonRoot: true,
    runAsUser: IMAGE_USER,
    runAsGroup: IMAGE_USER,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const locked = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  return {
    apiVersion: TESTRUN_API_VERSION,
    kind: 'TestRun',
    metadata: metadata(plan),
    spec: {
      parallelism: plan.parallelism,
      script: { configMap: { name: plan.name, file: plan.scriptFile } },
      // k6 archive (the operator's initializer) leaves the system environment out unless asked; with it
      // the initializer sees the run's scales and checks the same VU counts the runners will run.
      arguments: '--include-system-env-vars',
      // No `cleanup: post`: the operator would delete the runner pods, and their logs with the results
      // in them, the moment the TestRun finishes. The harness deletes everything once it has read them.
      runner: {
        image: plan.runnerImage,
        metadata: {
          labels: { ...plan.labels },
          // Load must enter through the gateway as users' requests do; a sidecar would also keep the
          // runner Jobs from ever completing.
          annotations: { 'sidecar.istio.io/inject': 'false' },
        },
        env,
        automountServiceAccountToken: 'false',
        securityContext: nonRoot,
        containerSecurityContext: { ...locked, readOnlyRootFilesystem: true },
        volumes: [{ name: SCRATCH.name, emptyDir: {} }],
        volumeMounts: [SCRATCH],
      },
      initializer: {
        image: plan.runnerImage,
        ...podLabels,
        env: Object.entries(plan.inlineEnv).map(([name, value]) => ({ name, value })),
        automountServiceAccountToken: 'false',
        securityContext: nonRoot,
        // The initializer writes its archive and logs to /tmp of its own filesystem.
        containerSecurityContext: locked,
      },
      starter: podLabels,
    },
  };
}
