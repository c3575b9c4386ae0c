// The objects of a k6-operator run: the generated TestRun passes our own validation (written from the
// operator's documented schema) and the ConfigMap and Secret pass the Kubernetes schemas
// (kubernetes-models, offline) and ours; each rule of the validation catches what it is for; the
// target's settings only ever travel in the Secret; a bundle over the ConfigMap limit and more runners
// than VUs are refused before anything is applied.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../../../src/config.ts';
import { plannedObjects, runObjects } from '../../../../src/engine/k6-operator/run-objects.ts';
import { REDACTED } from '../../../../src/engine/k6-operator/manifests.ts';
import { maxVusOf } from '../../../../src/engine/k6-operator/max-vus.ts';
import { planOperatorRun } from '../../../../src/engine/k6-operator/operator-plan.ts';
import {
  dataObjectProblems,
  testRunProblems,
} from '../../../../src/engine/k6-operator/validate-manifests.ts';
import { ConfigError } from '../../../../src/errors.ts';
import { PROFILES } from '../../../../src/vu/profiles.ts';

const config = (flags: Record<string, string> = {}, env: Record<string, string> = {}) =>
  resolveRunConfig(
    'spike',
    {
      engine: 'k6-operator',
      parallelism: '4',
      target: 'https://user:pw@gateway.example',
      runId: 'spike-1',
      ...flags,
    },
    { AUTH_TOKEN: 'tok-unit-secret', API_HOST: 'api.c4ang.com', ...env },
  );
const BUNDLE = 'export const options = {};\nexport default function () {}\n';
// biome-ignore lint/suspicious/noExplicitAny: the cases below reach into (and break) any field of the JSON.
type Json = Record<string, any>;
const objects = (redact = false) =>
  runObjects(
    planOperatorRun(config(), () => 'abc123'),
    BUNDLE,
    { redact },
  );
const testRun = () => structuredClone(objects()[2]!) as Json;

describe('the objects of a k6-operator run', () => {
  it('are a Secret, a ConfigMap and a TestRun sharing one name, labelled with the run', () => {
    const [secret, configMap, run] = objects();
    expect([secret!.kind, configMap!.kind, run!.kind]).toEqual(['Secret', 'ConfigMap', 'TestRun']);
    expect(new Set(objects().map((o) => o.metadata.name))).toEqual(new Set(['c4ang-perf-spike-abc123']));
    for (const object of objects())
      expect(object.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'c4ang-perf',
        'c4ang-perf/run-id': 'spike-1',
      });
    expect(run!.spec).toMatchObject({
      parallelism: 4,
      script: { configMap: { name: 'c4ang-perf-spike-abc123', file: 'spike.js' } },
    });
    // The harness deletes the objects once it has read the runners' logs; the operator's cleanup would lose them.
    expect(run!.spec).not.toHaveProperty('cleanup');
  });

  it('the TestRun passes our validation; ConfigMap and Secret pass the Kubernetes schemas and ours', () => {
    const [secret, configMap, run] = objects();
    expect(testRunProblems(run)).toEqual([]);
    expect(() => new ConfigMap(configMap as never).validate()).not.toThrow();
    expect(() => new Secret(secret as never).validate()).not.toThrow();
    expect(dataObjectProblems(configMap!)).toEqual([]);
    expect(dataObjectProblems(secret!)).toEqual([]);
  });

  it('the Kubernetes schema check can fail (a ConfigMap value that is not a string)', () => {
    const configMap = structuredClone(objects()[1]!) as Json;
    configMap.data['spike.js'] = 42;
    expect(() => new ConfigMap(configMap as never).validate()).toThrow(/data/);
  });

  it('carries the target URL, host header and token only in the Secret, by reference in the TestRun', () => {
    const [secret, configMap, run] = objects();
    expect((secret as Json).stringData).toEqual({
      BASE_URL: 'https://user:pw@gateway.example',
      API_HOST: 'api.c4ang.com',
      AUTH_TOKEN: 'tok-unit-secret',
    });
    const others = JSON.stringify([configMap, run]);
    for (const secretValue of ['tok-unit-secret', 'user:pw', 'gateway.example'])
      expect(others).not.toContain(secretValue);
    const env = (run as Json).spec.runner.env as { name: string; valueFrom?: unknown }[];
    expect(env.find((e) => e.name === 'AUTH_TOKEN')).toEqual({
      name: 'AUTH_TOKEN',
      valueFrom: { secretKeyRef: { name: 'c4ang-perf-spike-abc123', key: 'AUTH_TOKEN' } },
    });
    // --dry-run prints the Secret's keys, never its values.
    const redacted = objects(true)[0] as Json;
    expect(Object.values(redacted.stringData)).toEqual([REDACTED, REDACTED, REDACTED]);
  });

  it('runs the runners through the harness image’s k6 wrapper with the run’s scales, profile and id', () => {
    const env = Object.fromEntries(
      (testRun().spec.runner.env as { name: string; value?: string }[])
        .filter((e) => e.value)
        .map((e) => [e.name, e.value]),
    );
    expect(env).toMatchObject({
      C4ANG_PERF_K6_OPERATOR_RUNNER: '1',
      C4ANG_PERF_PROFILE: 'spike',
      LOAD_SCALE: '1',
      VU_SCALE: '1',
      RUN_ID: 'spike-1',
    });
    expect(testRun().spec.runner.image).toBe('c4ang-perf:dev');
    expect(
      planOperatorRun(config({}, { C4ANG_PERF_RUNNER_IMAGE: 'registry.example/c4ang-perf:1.2.3' }))
        .runnerImage,
    ).toBe('registry.example/c4ang-perf:1.2.3');
  });
});

describe('TestRun validation (our reading of the k6-operator schema)', () => {
  const cases: [string, (t: Json) => void, RegExp][] = [
    [
      'parallelism as a string',
      (t) => (t.spec.parallelism = '4'),
      /spec\.parallelism: must be a whole number/,
    ],
    ['parallelism 0', (t) => (t.spec.parallelism = 0), /spec\.parallelism: must be ≥ 1/],
    ['no script', (t) => delete t.spec.script, /spec\.script: required/],
    [
      'two script sources',
      (t) => (t.spec.script.localFile = '/x.js'),
      /spec\.script: exactly one of configMap, volumeClaim, localFile/,
    ],
    ['an unknown spec field', (t) => (t.spec.paralellism = 4), /spec\.paralellism: unknown field/],
    ['cleanup other than post', (t) => (t.spec.cleanup = 'always'), /spec\.cleanup: must be one of post/],
    ['quiet as a boolean', (t) => (t.spec.quiet = true), /spec\.quiet: must be a string/],
    [
      'the wrong apiVersion',
      (t) => (t.apiVersion = 'k6.io/v1'),
      /apiVersion: must be one of k6\.io\/v1alpha1/,
    ],
    [
      'a token inline',
      (t) => t.spec.runner.env.push({ name: 'AUTH_TOKEN', value: 'x' }),
      /AUTH_TOKEN must come from a Secret|"AUTH_TOKEN" is set twice/,
    ],
    [
      'BASE_URL inline',
      (t) => (t.spec.runner.env = [{ name: 'BASE_URL', value: 'http://x' }]),
      /BASE_URL must come from a Secret \(valueFrom\.secretKeyRef\), never inline/,
    ],
    [
      'value and valueFrom together',
      (t) =>
        t.spec.runner.env.push({
          name: 'X',
          value: '1',
          valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
        }),
      /value and valueFrom are exclusive/,
    ],
    [
      'a mount without its volume',
      (t) => (t.spec.runner.volumes = []),
      /volumeMounts\[0\]\.name: no volume "tmp"/,
    ],
    [
      'a mount over /test',
      (t) => (t.spec.runner.volumeMounts[0].mountPath = '/test'),
      /\/test is where the operator mounts the script/,
    ],
    [
      'a name starting with a digit',
      (t) => (t.metadata.name = '4-runs'),
      /metadata\.name: "4-runs" must start with a letter/,
    ],
    [
      'a name too long for the operator’s Job names',
      (t) => (t.metadata.name = `a${'b'.repeat(51)}`),
      /at most 51 long \(the operator names its Jobs and Services after it\)/,
    ],
    [
      'no managed-by label',
      (t) => delete t.metadata.labels['app.kubernetes.io/managed-by'],
      /needs app\.kubernetes\.io\/managed-by/,
    ],
    ['a bad label value', (t) => (t.spec.runner.metadata.labels.x = 'not ok!'), /label value "not ok!"/],
    [
      'a bad pull policy',
      (t) => (t.spec.runner.imagePullPolicy = 'Sometimes'),
      /imagePullPolicy: must be one of Always, IfNotPresent, Never/,
    ],
  ];
  it.each(cases)('catches %s', (_label, mutate, problem) => {
    const run = testRun();
    mutate(run);
    expect(testRunProblems(run).join('\n')).toMatch(problem);
  });
});

describe('refused before anything is applied', () => {
  it('a bundle larger than a ConfigMap holds (1 MiB)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'big-bundle-'));
    const file = path.join(dir, 'spike.js');
    await writeFile(file, `// ${'x'.repeat(1024 * 1024)}\n`);
    const error = await plannedObjects(config(), async () => file, { redact: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join()).toMatch(
      /the bundle is 1024 KiB; a ConfigMap holds at most 1024 KiB/,
    );
  });

  it('more runners than the run has VUs at its VU scale', () => {
    expect(() => planOperatorRun(config({ parallelism: '501' }))).toThrow(
      /501 runners for a spike run of at most 500 VU/,
    );
    expect(() => planOperatorRun(config({ parallelism: '51', vuScale: '0.1' }))).toThrow(
      /at most 50 VU\(s\) at VU scale 0\.1/,
    );
    expect(planOperatorRun(config({ parallelism: '500' })).parallelism).toBe(500);
  });

  it('counts the most VUs each executor can hold', () => {
    const scales = { loadScale: 1, vuScale: 1 };
    expect(maxVusOf(PROFILES.smoke, scales)).toBe(1);
    expect(maxVusOf(PROFILES.normal, scales)).toBe(100);
    expect(maxVusOf(PROFILES.spike, scales)).toBe(500);
    expect(maxVusOf(PROFILES.stress, scales)).toBe(1000);
    expect(maxVusOf(PROFILES.breakpoint, scales)).toBe(2000);
    expect(maxVusOf(PROFILES.stress, { loadScale: 1, vuScale: 0.5 })).toBe(500);
  });
});

describe('--parallelism and --dry-run in the run configuration', () => {
  const problems = (flags: Record<string, string | boolean>, env: Record<string, string> = {}) => {
    try {
      resolveRunConfig('spike', flags, env);
      return [];
    } catch (error) {
      return [...(error as ConfigError).problems];
    }
  };
  it('are for --engine k6-operator only, which needs a --target the cluster can reach', () => {
    expect(problems({ parallelism: '2' })).toContain(
      '--parallelism: only with --engine k6-operator (runner pods share the load)',
    );
    expect(problems({ dryRun: true, engine: 'k6' })).toContain(
      '--dry-run: only with --engine k6-operator (it prints the manifests such a run applies)',
    );
    expect(problems({ engine: 'k6-operator' }).join()).toMatch(
      /--target: --engine k6-operator needs the gateway URL/,
    );
    expect(problems({ engine: 'k6-operator', target: 'http://gw', parallelism: '1.5' }).join()).toMatch(
      /--parallelism: must be a whole number/,
    );
    expect(
      problems({ engine: 'k6-operator', target: 'http://gw' }, { C4ANG_PERF_K6_NAMESPACE: 'Bad_NS' }).join(),
    ).toMatch(/C4ANG_PERF_K6_NAMESPACE: must be a Kubernetes namespace name/);
    expect(problems({ engine: 'k6-operator', target: 'http://gw', parallelism: '3', dryRun: true })).toEqual(
      [],
    );
  });
});
