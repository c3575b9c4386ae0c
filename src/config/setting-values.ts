// The value rules every load-run setting shares — a bounded number, a percentage, one of a list, an
// executable file — each pushing one problem naming the flag or variable instead of throwing, so a
// run reports every bad value at once. Runs in: Node.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export function number(
  text: string | undefined,
  label: string,
  min: number,
  max: number,
  problems: string[],
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= min || value > max) {
    problems.push(`${label}: must be a number with ${min} < value ≤ ${max} (got "${text}")`);
    return undefined;
  }
  return value;
}

/** `33` or `33%`, 0 ≤ value ≤ 100. */
export function percent(text: string | undefined, label: string, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    problems.push(`${label}: must be a percentage with 0 ≤ value ≤ 100 (got "${text}")`);
    return undefined;
  }
  return value;
}

export function oneOf<T extends string>(
  text: string | undefined,
  label: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  if (text === undefined) return fallback;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  problems.push(`${label}: must be one of ${allowed.join(', ')} (got "${text}")`);
  return fallback;
}

/** Why `file` (relative to `cwd`) cannot be run as a program, or undefined when it can. */
export function executableProblem(file: string, cwd: string): string | undefined {
  if (file.trim() === '') return 'must be the path of a k6 binary (got "")';
  const absolute = path.resolve(cwd, file);
  try {
    if (!statSync(absolute).isFile()) return `"${file}" is not a file`;
    accessSync(absolute, constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `"${file}" does not exist`
      : `"${file}" is not an executable file (${code ?? error})`;
  }
}
