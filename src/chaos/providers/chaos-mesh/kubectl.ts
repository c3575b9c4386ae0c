// The one place the chaos-mesh provider runs kubectl: zx `$` with quoted arguments, a timeout on
// every call, nothrow + an explicit exit check, and `--context` pinned once preflight chose a context
// so a context switch mid-run cannot redirect chaos. In-cluster (no kubeconfig, a pod's service
// account) there is no context to pass: kubectl uses the mounted token. Node side.
import { $ } from 'zx';
import { ChaosError } from '../../../errors.ts';
import { KUBECTL_CALL_TIMEOUT_MS } from '../../timeouts.ts';
import type { KubeTarget } from './kube-target.ts';

export interface KubectlResult {
  ok: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Binary name or path (default `kubectl`, looked up on env.PATH). */
  bin?: string;
  /** Environment for kubectl (default process.env); tests put a recording fake first on PATH. */
  env?: NodeJS.ProcessEnv;
  /** Default per-call timeout, ms (default KUBECTL_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
}

export class Kubectl {
  /** Set once preflight chose where to act (or by a cleaner, to the ledger entry's target). */
  target: KubeTarget | undefined;
  private readonly bin: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;

  constructor(options: KubectlOptions = {}) {
    this.bin = options.bin ?? 'kubectl';
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? KUBECTL_CALL_TIMEOUT_MS;
  }

  /** Run kubectl with `args` (`--context` prepended when pinned); never throws on a non-zero exit. */
  async run(
    args: readonly string[],
    options: { input?: string; timeoutMs?: number } = {},
  ): Promise<KubectlResult> {
    const full = this.target?.kind === 'context' ? ['--context', this.target.context, ...args] : [...args];
    const shell = $({ env: this.env, quiet: true, nothrow: true, input: options.input ?? '' });
    try {
      const out = await shell`${this.bin} ${full}`.timeout(options.timeoutMs ?? this.timeoutMs);
      return { ok: out.exitCode === 0, exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
    } catch (error) {
      return { ok: false, exitCode: null, stdout: '', stderr: (error as Error).message };
    }
  }

  /** Run and require exit 0; the error names the command and kubectl's stderr. */
  async must(args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Promise<string> {
    const result = await this.run(args, options);
    if (!result.ok) {
      throw new ChaosError(
        `kubectl ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 500)}`,
      );
    }
    return result.stdout;
  }
}

/** `--timeout` value for kubectl (whole seconds, at least 1). */
export function kubectlTimeout(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/** True when kubectl said the object does not exist. */
export function isNotFound(result: KubectlResult): boolean {
  return /NotFound|not found/i.test(result.stderr);
}
