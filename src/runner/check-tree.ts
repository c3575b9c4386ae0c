// The root_group tree of handleSummary data: groups by path ('::a::b') with their checks' pass/fail
// counts. Each thread keeps one; workers ship deltas to the main thread, which merges them.
// Runs in: Node (any runner thread).
import { createHash } from 'node:crypto';
import type { GroupNode } from './summary/summary-data.ts';

/** Serializable counts recorded since the previous takeDelta(). */
export interface CheckTreeDelta {
  groups: string[];
  checks: [groupPath: string, name: string, passes: number, fails: number][];
}

interface CheckCount {
  passes: number;
  fails: number;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export class CheckTree {
  readonly #groups = new Map<string, Map<string, CheckCount>>([['', new Map()]]);
  #delta = new Map<string, Map<string, CheckCount>>();

  ensureGroup(path: string): void {
    if (this.#groups.has(path)) return;
    const parent = path.slice(0, path.lastIndexOf('::'));
    this.ensureGroup(parent);
    this.#groups.set(path, new Map());
    if (!this.#delta.has(path)) this.#delta.set(path, new Map());
  }

  recordCheck(groupPath: string, name: string, ok: boolean): void {
    this.#bump(this.#groups, groupPath, name, ok ? 1 : 0, ok ? 0 : 1);
    this.#bump(this.#delta, groupPath, name, ok ? 1 : 0, ok ? 0 : 1);
  }

  takeDelta(): CheckTreeDelta {
    const delta: CheckTreeDelta = { groups: [], checks: [] };
    for (const [path, checks] of this.#delta) {
      delta.groups.push(path);
      for (const [name, count] of checks) delta.checks.push([path, name, count.passes, count.fails]);
    }
    this.#delta = new Map();
    return delta;
  }

  /** Every group and count so far (not only since the last delta), to copy the whole tree elsewhere. */
  snapshot(): CheckTreeDelta {
    const snapshot: CheckTreeDelta = { groups: [...this.#groups.keys()], checks: [] };
    for (const [path, checks] of this.#groups)
      for (const [name, count] of checks) snapshot.checks.push([path, name, count.passes, count.fails]);
    return snapshot;
  }

  mergeDelta(delta: CheckTreeDelta): void {
    for (const path of delta.groups) this.ensureGroup(path);
    for (const [path, name, passes, fails] of delta.checks)
      this.#bump(this.#groups, path, name, passes, fails);
  }

  /** k6's root_group shape: ids are md5 of the path, as k6 computes them. */
  toGroupNode(path = ''): GroupNode {
    const children = [...this.#groups.keys()].filter(
      (p) => p !== path && p.startsWith(`${path}::`) && !p.slice(path.length + 2).includes('::'),
    );
    const checks = [...(this.#groups.get(path) ?? new Map<string, CheckCount>())].map(([name, count]) => {
      const checkPath = `${path}::${name}`;
      return { name, path: checkPath, id: md5(checkPath), passes: count.passes, fails: count.fails };
    });
    const name = path.slice(path.lastIndexOf('::') + 2);
    return {
      name: path ? name : '',
      path,
      id: md5(path),
      groups: children.map((c) => this.toGroupNode(c)),
      checks,
    };
  }

  #bump(
    target: Map<string, Map<string, CheckCount>>,
    path: string,
    name: string,
    passes: number,
    fails: number,
  ): void {
    this.ensureGroup(path);
    let checks = target.get(path);
    if (!checks) {
      checks = new Map();
      target.set(path, checks);
    }
    const count = checks.get(name);
    if (count) {
      count.passes += passes;
      count.fails += fails;
    } else checks.set(name, { passes, fails });
  }
}
