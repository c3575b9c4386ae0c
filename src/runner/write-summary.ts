// End of test outputs: --summary-export (k6's legacy JSON), then handleSummary(data)'s map written
// like k6 (stdout, stderr, or a file path relative to the cwd), or the default text summary when the
// script exports none (or handleSummary failed: k6 logs and falls back), headed by the runner's
// headline when the run did not deliver its load. Runs in: Node (main thread).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { runHandleSummary } from './run-phases.ts';
import { toSummaryExport } from './summary/summary-export.ts';
import type { SummaryData } from './summary/summary-data.ts';
import { renderTextSummary } from './summary/text-summary.ts';
import { formatError, type Vu } from './vu.ts';
import type { LogLevel } from './vu-host.ts';

interface SummaryTargets {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  log: (level: LogLevel, message: string) => void;
  summaryExportPath?: string;
  handleSummaryTimeoutMs: number;
  colors: boolean;
  /** Runner warnings (generator lag, sleep in-process…) appended to the default text summary. */
  warnings: readonly string[];
  /** Put first in the default text summary (the load was not delivered). */
  headline?: string;
}

async function writeOutputFile(path: string, content: unknown): Promise<void> {
  const target = resolve(process.cwd(), path);
  await mkdir(dirname(target), { recursive: true });
  const data =
    content instanceof ArrayBuffer
      ? Buffer.from(content)
      : typeof content === 'string'
        ? content
        : JSON.stringify(content);
  await writeFile(target, data);
}

export async function writeSummary(vu: Vu, data: SummaryData, targets: SummaryTargets): Promise<void> {
  if (targets.summaryExportPath)
    await writeOutputFile(targets.summaryExportPath, `${JSON.stringify(toSummaryExport(data), null, 2)}\n`);
  let outputs: Record<string, unknown> | undefined;
  try {
    outputs = await runHandleSummary(vu, data, targets.handleSummaryTimeoutMs);
  } catch (error) {
    targets.log('error', `failed to handle the end-of-test summary: ${formatError(error)}`);
  }
  if (outputs) {
    for (const [key, content] of Object.entries(outputs)) {
      const text =
        typeof content === 'string'
          ? content
          : content instanceof ArrayBuffer
            ? Buffer.from(content).toString()
            : JSON.stringify(content);
      if (key === 'stdout') targets.stdout(text);
      else if (key === 'stderr') targets.stderr(text);
      else await writeOutputFile(key, content);
    }
    return;
  }
  let text = renderTextSummary(data, { colors: targets.colors });
  if (targets.headline) text = `\n  ${targets.headline}\n\n${text}`;
  if (targets.warnings.length) text += `\n${targets.warnings.map((w) => `  WARN ${w}`).join('\n')}\n`;
  targets.stdout(text.endsWith('\n') ? text : `${text}\n`);
}
