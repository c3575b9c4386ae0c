// The k6-operator TestRun (k6.io/v1alpha1) as this harness reads its documentation (k6-operator's
// generated CRD reference and the "distributed tests" guide): the spec fields, their types, which are
// required and the allowed values. The runner, initializer and starter pod fields are checked where
// the harness writes them (image, env, labels, volumes) and accepted unchecked where it never does
// (affinity, tolerations, probes…), so a TestRun a person edits still passes. `validate-manifests.ts`
// adds the rules a schema cannot say. Runs in: Node; data only.
import type { Shape } from './shape.ts';

const text: Shape = { type: 'string' };
const flag: Shape = { type: 'boolean' };
/** Several TestRun switches are strings holding a boolean ("true"/"false"), not booleans. */
const boolString: Shape = { type: 'string', oneOf: ['true', 'false'] };
const stringMap: Shape = { type: 'object', values: text };
const anything: Shape = { type: 'object', open: true };
const listOfAnything: Shape = { type: 'array', items: anything };

const keySelector = (extra: Record<string, Shape> = {}): Shape => ({
  type: 'object',
  fields: { name: text, key: text, optional: flag, ...extra },
  required: ['key'],
});

const envVar: Shape = {
  type: 'object',
  fields: {
    name: {
      type: 'string',
      pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
      hint: 'must be an environment variable name',
    },
    value: text,
    valueFrom: {
      type: 'object',
      fields: {
        secretKeyRef: keySelector(),
        configMapKeyRef: keySelector(),
        fieldRef: { type: 'object', fields: { apiVersion: text, fieldPath: text }, required: ['fieldPath'] },
        resourceFieldRef: {
          type: 'object',
          fields: { containerName: text, resource: text, divisor: anything },
          required: ['resource'],
          open: true,
        },
      },
    },
  },
  required: ['name'],
};

const volumeMount: Shape = {
  type: 'object',
  fields: {
    name: text,
    mountPath: text,
    readOnly: flag,
    subPath: text,
    subPathExpr: text,
    mountPropagation: text,
    recursiveReadOnly: text,
  },
  required: ['name', 'mountPath'],
};

/** The pod settings of runner, initializer and starter (k6-operator's Pod type). */
const podSettings: Shape = {
  type: 'object',
  fields: {
    disabled: flag,
    image: text,
    imagePullPolicy: { type: 'string', oneOf: ['Always', 'IfNotPresent', 'Never'] },
    imagePullSecrets: { type: 'array', items: { type: 'object', fields: { name: text } } },
    metadata: { type: 'object', fields: { labels: stringMap, annotations: stringMap } },
    env: { type: 'array', items: envVar },
    envFrom: listOfAnything,
    resources: {
      type: 'object',
      fields: { limits: anything, requests: anything, claims: listOfAnything },
    },
    serviceAccountName: text,
    automountServiceAccountToken: boolString,
    securityContext: anything,
    containerSecurityContext: anything,
    volumes: {
      type: 'array',
      items: { type: 'object', fields: { name: text }, required: ['name'], open: true },
    },
    volumeMounts: { type: 'array', items: volumeMount },
    affinity: anything,
    nodeSelector: stringMap,
    tolerations: listOfAnything,
    topologySpreadConstraints: listOfAnything,
    initContainers: listOfAnything,
    livenessProbe: anything,
    readinessProbe: anything,
    priorityClassName: text,
    schedulerName: text,
  },
};

const script: Shape = {
  type: 'object',
  fields: {
    configMap: { type: 'object', fields: { name: text, file: text }, required: ['name'] },
    volumeClaim: { type: 'object', fields: { name: text, file: text, readOnly: flag }, required: ['name'] },
    localFile: text,
  },
};

export const TESTRUN_API_VERSION = 'k6.io/v1alpha1';

export const TESTRUN_SHAPE: Shape = {
  type: 'object',
  fields: {
    apiVersion: { type: 'string', oneOf: [TESTRUN_API_VERSION] },
    kind: { type: 'string', oneOf: ['TestRun'] },
    metadata: {
      type: 'object',
      fields: { name: text, namespace: text, labels: stringMap, annotations: stringMap },
      required: ['name'],
    },
    spec: {
      type: 'object',
      fields: {
        // int32 in the operator's API.
        parallelism: { type: 'integer', min: 1, max: 2_147_483_647 },
        script,
        separate: flag,
        arguments: text,
        args: { type: 'array', items: text },
        cleanup: { type: 'string', oneOf: ['post'] },
        quiet: boolString,
        paused: boolString,
        ports: {
          type: 'array',
          items: {
            type: 'object',
            fields: {
              containerPort: { type: 'integer', min: 1, max: 65535 },
              hostPort: { type: 'integer', min: 1, max: 65535 },
              hostIP: text,
              name: text,
              protocol: { type: 'string', oneOf: ['TCP', 'UDP', 'SCTP'] },
            },
            required: ['containerPort'],
          },
        },
        runner: podSettings,
        starter: podSettings,
        initializer: podSettings,
        // Deprecated Istio helper and Grafana Cloud fields: accepted, never written by the harness.
        scuttle: anything,
        testRunId: text,
        token: text,
      },
      required: ['parallelism', 'script'],
    },
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};
