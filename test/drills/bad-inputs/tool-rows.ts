// Bad inputs of chaos manifests in a load run, and of the other scripts: chaos:*, target, gate, report.
import { APPLY_SAFE, POD_KILL, type Row, SELECTOR, VALID_MANIFEST } from './row.ts';

export const TOOL_ROWS: readonly Row[] = [
  // --- chaos manifests of a load run ------------------------------------------------------------
  {
    name: '--chaos nonexistent.yaml',
    script: 'load:normal',
    args: ['--chaos', '$FIX/nonexistent.yaml'],
    expect: /nonexistent\.yaml.*cannot read|nonexistent\.yaml.*ENOENT/,
  },
  {
    name: '--chaos a YAML syntax error',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-kill-order-service.yaml'],
    files: { 'pod-kill-order-service.yaml': `${POD_KILL(`  action: pod-kill\n  mode: [one\n${SELECTOR}`)}` },
    expect: /pod-kill-order-service\.yaml:\d+.*YAML/,
  },
  {
    name: '--chaos an unknown kind',
    script: 'load:normal',
    args: ['--chaos', 'test/fixtures/chaos/unknown-kind/disk-fill-order-service.yaml'],
    expect: /disk-fill-order-service\.yaml:2 kind:.*DiskChaos/,
  },
  {
    name: '--chaos PodChaos without a selector',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-kill-order-service.yaml'],
    files: { 'pod-kill-order-service.yaml': POD_KILL('  action: pod-kill\n  mode: one\n') },
    expect: /pod-kill-order-service\.yaml:\d+ spec\.selector/,
  },
  {
    name: '--chaos duration 99999h',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-failure-order-service.yaml'],
    files: {
      'pod-failure-order-service.yaml': POD_KILL(
        `  action: pod-failure\n  mode: one\n${SELECTOR}  duration: 99999h\n`,
        'pod-failure-order-service',
      ),
    },
    expect: /pod-failure-order-service\.yaml:\d+ spec\.duration/,
  },
  {
    name: '--chaos an empty file',
    script: 'load:normal',
    args: ['--chaos', '$FIX/empty.yaml'],
    files: { 'empty.yaml': '' },
    expect: /empty\.yaml/,
  },
  {
    name: '--chaos an empty folder',
    script: 'load:normal',
    args: ['--chaos', '$FIX/no-manifests'],
    files: { 'no-manifests/': '' },
    expect: /no-manifests/,
  },
  {
    name: '--chaos with the local provider and a real --target',
    script: 'load:normal',
    args: ['--target', '$HTTP404', '--chaos-provider', 'local', '--chaos', VALID_MANIFEST],
    expect: /--chaos-provider.*local/,
  },
  // --- chaos scripts ----------------------------------------------------------------------------
  {
    name: 'chaos:apply --hold abc',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--hold', 'abc', ...APPLY_SAFE],
    expect: /--hold.*abc/,
  },
  {
    name: 'chaos:apply --provider bogus',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--provider', 'bogus', ...APPLY_SAFE],
    expect: /--provider.*bogus/,
  },
  {
    name: 'chaos:apply --time-scale 0',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--time-scale', '0', ...APPLY_SAFE],
    expect: /--time-scale.*0/,
  },
  {
    name: 'chaos:apply a nonexistent manifest',
    script: 'chaos:apply',
    args: ['$FIX/nosuch.yaml', ...APPLY_SAFE],
    expect: /nosuch\.yaml.*(cannot read|ENOENT)/,
  },
  {
    name: 'chaos:apply an unknown flag',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--bogus', ...APPLY_SAFE],
    expect: /unknown option '--bogus'/,
  },
  {
    name: 'chaos:validate a bad file',
    script: 'chaos:validate',
    args: ['test/fixtures/chaos/missing-value/pod-kill-order-service.yaml'],
    expect: /pod-kill-order-service\.yaml:\d+ spec\.value/,
  },
  {
    name: 'through npm run: chaos:validate a bad file',
    script: 'chaos:validate',
    args: ['test/fixtures/chaos/bad-duration'],
    viaNpm: true,
    expect: /pod-failure-order-service\.yaml:\d+ spec\.duration/,
  },
  {
    name: 'chaos:clean --bogus',
    script: 'chaos:clean',
    args: ['--bogus'],
    expect: /unknown option '--bogus'/,
  },
  // --- target -----------------------------------------------------------------------------------
  { name: 'target --port abc', script: 'target', args: ['--port', 'abc'], expect: /--port.*abc/ },
  { name: 'target --port 70000', script: 'target', args: ['--port', '70000'], expect: /--port.*70000/ },
  { name: 'target --slowdown 0', script: 'target', args: ['--slowdown', '0'], expect: /--slowdown.*"0"/ },
  {
    name: 'target --host 0.0.0.0',
    script: 'target',
    args: ['--host', '0.0.0.0'],
    expect: /--host.*0\.0\.0\.0/,
  },
  { name: 'target --bogus', script: 'target', args: ['--bogus'], expect: /unknown option '--bogus'/ },
  {
    name: 'target C4ANG_PERF_STANDIN_SLOWDOWN=abc',
    script: 'target',
    args: ['--port', '0', '--admin-port', '0'],
    env: { C4ANG_PERF_STANDIN_SLOWDOWN: 'abc' },
    expect: /C4ANG_PERF_STANDIN_SLOWDOWN.*"abc"/,
  },
  {
    name: 'target --rate-limit 0',
    script: 'target',
    args: ['--port', '0', '--admin-port', '0', '--rate-limit', '0'],
    expect: /--rate-limit: must be a whole number.*"0"/,
  },
  // --- gate -------------------------------------------------------------------------------------
  {
    name: 'gate: a step with an unknown profile',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/unknown-profile/gate.config.yaml'],
    expect: /gate\.config\.yaml:\d+ steps\[1\]\.profile:.*"nromal"/,
  },
  {
    name: 'gate: many problems in one config, all reported',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/many-problems/gate.config.yaml'],
    expect:
      /(?=[\s\S]*:1 name:)(?=[\s\S]*colour)(?=[\s\S]*tolerances\.latencyNoise)(?=[\s\S]*steps\[0\]\.vuScale)(?=[\s\S]*steps\[1\]\.limits\.p90Ms)/,
  },
  {
    name: 'gate: a missing config file',
    script: 'gate',
    args: ['--config', '$FIX/nosuch.yaml'],
    expect: /nosuch\.yaml.*cannot read/,
  },
  {
    name: 'gate: a step with bad limits',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml'],
    files: {
      'gate.config.yaml': 'steps:\n  - profile: smoke\n    limits:\n      p95Ms: -5\n      errorRate: 2\n',
    },
    expect:
      /(?=[\s\S]*gate\.config\.yaml:4 steps\[0\]\.limits\.p95Ms)(?=[\s\S]*:5 steps\[0\]\.limits\.errorRate)/,
  },
  {
    name: 'gate: a YAML syntax error',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n    limits: {p95Ms: 5\n' },
    expect: /gate\.config\.yaml:\d+ \(document\): YAML/,
  },
  {
    name: 'gate: a bad tolerance',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/bad-tolerances/gate.config.yaml'],
    expect: /gate\.config\.yaml:\d+ tolerances\.p95/,
  },
  {
    name: 'gate: a missing --baseline file',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml', '--baseline', '$FIX/nosuch-baseline.json'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n' },
    expect: /--baseline.*nosuch-baseline\.json/,
  },
  {
    name: 'gate --results-dir pointing at a file',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml', '--results-dir', '$FIX/a-file'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n', 'a-file': 'not a folder\n' },
    expect: /--results-dir.*a-file/,
  },
  { name: 'gate --bogus', script: 'gate', args: ['--bogus'], expect: /unknown option '--bogus'/ },
  // --- report -----------------------------------------------------------------------------------
  {
    name: 'report: a nonexistent run folder',
    script: 'report',
    args: ['no-such-run'],
    expect: /no-such-run/,
  },
];
