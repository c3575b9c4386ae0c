// Each invalid form fails with the file, the line and the field named, and every problem of a
// file is reported (not just the first).
import { describe, expect, it } from 'vitest';
import { formatProblem, loadExperiments, parseManifest } from '../../../src/chaos/index.ts';

const dir = 'test/fixtures/chaos';

describe('invalid manifests', () => {
  const cases: [string, string, number, string, RegExp][] = [
    [
      '1.x scheduler',
      'legacy-scheduler/pod-kill-order-service.yaml',
      14,
      'spec.scheduler',
      /1\.x field.*kind: Schedule/,
    ],
    [
      'missing value',
      'missing-value/pod-kill-order-service.yaml',
      6,
      'spec.value',
      /required for mode fixed/,
    ],
    [
      'bad duration',
      'bad-duration/pod-failure-order-service.yaml',
      14,
      'spec.duration',
      /not a valid duration \(got "30 seconds"/,
    ],
    ['empty selector', 'empty-selector/pod-kill-order-service.yaml', 9, 'spec.selector', /empty selector/],
    [
      'unknown action',
      'unknown-action/pod-explode-order-service.yaml',
      7,
      'spec.action',
      /got "pod-explode", expected one of pod-kill/,
    ],
    ['unknown kind', 'unknown-kind/disk-fill-order-service.yaml', 2, 'kind', /got "DiskChaos"/],
  ];
  it.each(cases)('%s → file:line field', async (_name, rel, line, field, message) => {
    const file = `${dir}/${rel}`;
    const { experiments, problems } = await loadExperiments([file]);
    expect(experiments).toEqual([]);
    const match = problems.find((p) => p.field === field);
    expect(match, JSON.stringify(problems)).toBeDefined();
    expect(match).toMatchObject({ file, line, severity: 'error' });
    expect(match!.message).toMatch(message);
    expect(formatProblem(match!)).toMatch(new RegExp(`^${file}:${line} `));
  });

  it('shows the 2.x Schedule equivalent of a 1.x scheduler', async () => {
    const { problems } = await loadExperiments([`${dir}/legacy-scheduler`]);
    expect(problems[0]!.hint).toMatch(
      /kind: Schedule[\s\S]*schedule: "@every 5m"[\s\S]*podChaos:[\s\S]*action: pod-kill/,
    );
    expect(problems[0]!.hint).not.toMatch(/scheduler/);
  });

  it('collects every problem of every file', async () => {
    const { problems, warnings } = await loadExperiments([`${dir}/many-problems`]);
    const fields = problems.map((p) => `${p.file.split('/').pop()?.slice(0, 12)} ${p.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'pod-containe metadata.namespace',
        'pod-containe spec.value',
        'pod-containe spec.duration',
        'pod-containe spec.containerNames',
        'schedule-wit spec.schedule',
        'schedule-wit metadata.name',
      ]),
    );
    expect(warnings.map((w) => w.field)).toContain('spec.podChaos.selector.namespaces');
  });

  it('warns about rules users trip over without failing', async () => {
    const { experiments, problems, warnings } = await loadExperiments([`${dir}/warnings`]);
    expect(problems).toEqual([]);
    expect(experiments).toHaveLength(1);
    expect(warnings.map((w) => [w.field, w.line])).toEqual([
      ['spec.value', 9],
      ['spec.selector.namespaces', 10],
      ['spec.containerNames[0]', 14],
    ]);
  });

  it('reports YAML syntax errors with their line (text kept inline: biome would reject such a fixture)', () => {
    const text =
      'apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata:\n  name: broken\n  namespace: [ecommerce\n';
    const { problems, documents } = parseManifest('broken.yaml', text);
    expect(documents).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'broken.yaml', line: 6, field: '', severity: 'error' });
    expect(problems[0]!.message).toMatch(/^YAML: /);
  });

  it('reports an unreadable file as a problem', async () => {
    const { problems } = await loadExperiments([`${dir}/no-such-file.yaml`]);
    expect(formatProblem(problems[0]!)).toMatch(
      /no-such-file\.yaml:1 \(document\): cannot read file \(ENOENT\)/,
    );
  });
});
