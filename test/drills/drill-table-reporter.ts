// `npm run drills` prints one table at the end: each drill, its outcome and what it measured (the
// `figures` a drill puts in its task meta), and writes the same table to results/drills.md when
// DRILLS_TABLE names a file. A vitest reporter beside the default one.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class DrillTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: string[][] = [];
    for (const module of testModules) {
      const file = path.basename(module.moduleId, '.test.ts');
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const seconds = ((test.diagnostic()?.duration ?? 0) / 1000).toFixed(0);
        rows.push([
          `${file}: ${test.name}`,
          state === 'passed' ? 'pass' : state === 'failed' ? 'FAIL' : state,
          `${test.meta().figures ?? ''}${test.meta().figures ? '; ' : ''}${seconds} s`,
        ]);
      }
    }
    const table = [
      '| drill | outcome | figures |',
      '|---|---|---|',
      ...rows.map((cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`),
    ].join('\n');
    process.stdout.write(`\nDrills\n\n${table}\n\n`);
    if (process.env.DRILLS_TABLE) writeFileSync(process.env.DRILLS_TABLE, `${table}\n`);
  }
}
