// setup(), teardown(data) and handleSummary(data) on the main thread's VU (__VU = 0, like k6), each
// with its timeout. Exceptions and timeouts become EngineError with exit 107 (k6: script exception).
// Runs in: Node (runner main thread).
import { EngineError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatError, type Vu } from './vu.ts';

async function withTimeout<T>(what: string, work: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new EngineError(`${what} execution timed out after ${timeoutMs} ms`, ExitCode.scriptError)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Call an exported lifecycle function (group '::setup' etc., as k6 tags them); undefined if not exported. */
export async function runLifecycle(
  vu: Vu,
  name: 'setup' | 'teardown',
  data: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const fn = vu.exports[name];
  if (typeof fn !== 'function') return undefined;
  vu.setGroup(`::${name}`);
  try {
    return await withTimeout(
      `${name}()`,
      async () => {
        const result = await fn(data);
        // k6 passes setup data through JSON: functions and cycles are not allowed.
        return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
      },
      timeoutMs,
    );
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(`${name}() failed: ${formatError(error)}`, ExitCode.scriptError, { cause: error });
  } finally {
    vu.setGroup('');
  }
}

/** handleSummary(data) → its output map, or undefined when not exported. Errors are thrown to the caller. */
export async function runHandleSummary(
  vu: Vu,
  data: unknown,
  timeoutMs: number,
): Promise<Record<string, unknown> | undefined> {
  const fn = vu.exports.handleSummary;
  if (typeof fn !== 'function') return undefined;
  const result = await withTimeout('handleSummary()', async () => fn(data), timeoutMs);
  if (result === null || typeof result !== 'object')
    throw new Error('handleSummary() must return an object like { stdout: "..." }');
  return result as Record<string, unknown>;
}
