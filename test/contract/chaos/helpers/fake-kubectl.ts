// Puts the recording fake kubectl (helpers/bin/kubectl) first on PATH for one fixture case and
// reads back what it was called with. Node side; tests only.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export interface KubectlCall {
  argv: string[];
  stdin?: string;
}

export async function fakeKubectl(
  caseName: string,
): Promise<{ env: NodeJS.ProcessEnv; calls: () => Promise<KubectlCall[]> }> {
  const log = join(await mkdtemp(join(tmpdir(), 'fake-kubectl-')), 'calls.ndjson');
  const bin = resolve('test/contract/chaos/helpers/bin');
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    FAKE_KUBECTL_LOG: log,
    FAKE_KUBECTL_DIR: resolve('test/fixtures/kubectl', caseName),
  };
  const calls = async () =>
    (await readFile(log, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as KubectlCall);
  return { env, calls };
}

/** The kubectl verbs in order, without the pinned `--context <ctx>` prefix. */
export function verbs(calls: KubectlCall[]): string[] {
  return calls.map((c) => {
    const args = c.argv[0] === '--context' ? c.argv.slice(2) : c.argv;
    return args.slice(0, 2).join(' ');
  });
}
