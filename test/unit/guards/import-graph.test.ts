// Guards on the import graph of our own TypeScript: no circular imports anywhere, and VU code
// (scenarios/, src/vu/) importing nothing but k6 modules and other VU code.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Runtime imports of a file (type-only imports erase at run time and cannot form a cycle). */
function runtimeImports(file: string): string[] {
  const code = readFileSync(path.join(root, file), 'utf8');
  return [...code.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map(
    (m) => m[1],
  );
}

function localGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = runtimeImports(file)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.relative(root, path.resolve(root, path.dirname(file), specifier)));
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('scenarios'), ...sourceFiles('scripts')];

  test('has no circular runtime imports', () => {
    expect(findCycle(localGraph(files))?.join(' → ')).toBeUndefined();
  });

  test('the cycle finder does find a cycle', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });

  test('VU code imports only k6 modules and VU code', () => {
    const vuFiles = files.filter((f) => f.startsWith('scenarios/') || f.startsWith('src/vu/'));
    expect(vuFiles.length).toBeGreaterThan(10);
    for (const file of vuFiles) {
      for (const specifier of runtimeImports(file)) {
        if (specifier.startsWith('.')) {
          const target = path.relative(root, path.resolve(root, path.dirname(file), specifier));
          expect(target, `${file} imports ${specifier}`).toMatch(/^(scenarios|src\/vu)\//);
        } else {
          expect(specifier, `${file} imports ${specifier}`).toMatch(/^k6(\/[a-z-]+)*$/);
        }
      }
    }
  });
});
