// kubectl for the k6-operator engine: the chaos-mesh provider's Kubectl (zx, a timeout on every call,
// `--context` pinned once preflight chose where to act), plus the one thing it lacks — a long-running
// call whose output is read line by line as it comes (`kubectl logs -f` of a runner pod). Both run the
// same binary with the same environment and the same pinned context. Runs in: Node.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Kubectl, type KubectlOptions } from '../../chaos/providers/chaos-mesh/kubectl.ts';

export class OperatorKubectl extends Kubectl {
  private readonly streamBin: string;
  private readonly streamEnv: NodeJS.ProcessEnv;

  constructor(options: KubectlOptions = {}) {
    super(options);
    this.streamBin = options.bin ?? 'kubectl';
    this.streamEnv = options.env ?? process.env;
  }

  /**
   * Run kubectl and hand each line of its stdout to `onLine` as it arrives; resolves with the exit
   * code (null when killed) once it ended. `signal` kills it; stderr is kept for the caller's message.
   */
  stream(
    args: readonly string[],
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<{ exitCode: number | null; stderr: string }> {
    const full = this.target?.kind === 'context' ? ['--context', this.target.context, ...args] : [...args];
    return new Promise((resolve) => {
      if (signal.aborted) return resolve({ exitCode: null, stderr: 'not started: aborted' });
      const child = spawn(this.streamBin, full, { env: this.streamEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => {
        // The tail is what explains a failure; a chatty kubectl must not grow this without bound.
        stderr = (stderr + text).slice(-4000);
      });
      const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on('line', onLine);
      const kill = () => child.kill('SIGTERM');
      signal.addEventListener('abort', kill, { once: true });
      let exitCode: number | null = null;
      child.on('error', (error) => {
        stderr += error.message;
      });
      child.on('exit', (code) => {
        exitCode = code;
      });
      // 'close' comes after stdout is drained, so every line has been handed over by then.
      child.on('close', () => {
        signal.removeEventListener('abort', kill);
        resolve({ exitCode, stderr });
      });
    });
  }
}
