// The README is the user contract: its npm-script table must list exactly the scripts in
// package.json, and its exit-code table must match src/exit-codes.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../../../src/exit-codes.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** Rows of the markdown table that follows `heading`, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading);
  expect(start, `README has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split('\n').slice(1);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    if (/^\|\s*-/.test(line)) continue;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(1);
}

describe('README', () => {
  test('lists every npm script, and only those', () => {
    const listed = tableAfter('## npm scripts').map(
      (row) =>
        row[0]
          .replace(/^`npm (run )?/, '')
          .replace(/`$/, '')
          .split(' ')[0],
    );
    expect(listed.sort()).toEqual(Object.keys(pkg.scripts).sort());
  });

  test('exit-code table matches src/exit-codes.ts', () => {
    const listed = tableAfter('## Exit codes').map((row) => Number(row[0].replace(/`/g, '')));
    expect(listed.sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
  });

  test('gives the two set-up commands', () => {
    expect(readme).toMatch(/npm ci && npm run load:spike/);
    expect(readme).toMatch(/npm ci && npm test/);
  });
});
