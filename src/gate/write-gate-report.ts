// Writes a gate run's reports into `<results>/gate-<id>/`: gate.json (everything), gate.md (the
// table) and junit.xml; appends the Markdown to GITHUB_STEP_SUMMARY when CI sets it. Runs in: Node.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGateJunit } from './render-gate-junit.ts';
import { renderGateMarkdown } from './render-gate-markdown.ts';
import type { GateReport } from './types.ts';

export async function writeGateReport(
  reportDir: string,
  report: GateReport,
  stepSummaryFile: string | undefined,
): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  const markdown = renderGateMarkdown(report);
  await writeFile(path.join(reportDir, 'gate.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(reportDir, 'gate.md'), markdown);
  await writeFile(path.join(reportDir, 'junit.xml'), renderGateJunit(report));
  if (stepSummaryFile) await appendFile(stepSummaryFile, `${markdown}\n`);
}
