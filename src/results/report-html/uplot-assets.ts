// The uPlot chart library, read from node_modules when a report is rendered and inlined into it, so
// report.html opens offline and never fetches anything. Read once per process. Runs in: Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface UplotAssets {
  /** The IIFE build: defines a global `uPlot`. */
  js: string;
  css: string;
}

let cached: UplotAssets | undefined;

export function readUplotAssets(): UplotAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // uplot has no `exports` map; its main entry sits in dist/ next to the browser builds.
  const distDir = path.dirname(require.resolve('uplot'));
  cached = {
    js: readFileSync(path.join(distDir, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(path.join(distDir, 'uPlot.min.css'), 'utf8'),
  };
  return cached;
}
