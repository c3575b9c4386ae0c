// Validation problems of chaos manifests: one shape for errors and warnings, one line format
// (`file:line field.path: message`). Node side; used by the loader, the CLI scripts and providers.
import { type FieldPath, formatFieldPath } from '../yaml-field-lines.ts';

export { type FieldPath, formatFieldPath };

/** One problem found in a manifest. `line` is 1-based; `field` is a dotted path like `spec.selector`. */
export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
  severity: 'error' | 'warning';
  /** Optional multi-line help (e.g. the 2.x equivalent of a 1.x form), printed under the line. */
  hint?: string;
}

/** `file:line field: message` — the one format every tool prints. */
export function formatProblem(problem: Problem): string {
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line} ${problem.field || '(document)'}: ${prefix}${problem.message}`;
}

/** Short, quoted rendering of a value for "(got X)" parts of messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Collects problems for one document; `lineOf` maps a field path to its source line. */
export class ProblemCollector {
  readonly file: string;
  readonly problems: Problem[] = [];
  private readonly lineOf: (path: FieldPath) => number;

  constructor(file: string, lineOf: (path: FieldPath) => number) {
    this.file = file;
    this.lineOf = lineOf;
  }

  error(path: FieldPath, message: string, hint?: string): void {
    this.add('error', path, message, hint);
  }

  warn(path: FieldPath, message: string, hint?: string): void {
    this.add('warning', path, message, hint);
  }

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  private add(severity: Problem['severity'], path: FieldPath, message: string, hint?: string): void {
    const problem: Problem = {
      file: this.file,
      line: this.lineOf(path),
      field: formatFieldPath(path),
      message,
      severity,
    };
    if (hint) problem.hint = hint;
    this.problems.push(problem);
  }
}
