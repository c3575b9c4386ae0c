// One row of the bad-input catalogue (test/drills/bad-inputs.test.ts) and the fixture texts rows
// share. Placeholders in args, env and files: $RESULTS, $FIX, $HTTP404 (see the test's header).

export const isRoot = process.getuid?.() === 0;

export interface Row {
  readonly name: string;
  /** An npm script name (`load:smoke`, `gate`, `chaos:apply`…) or a script path (`scripts/load.ts`). */
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Files written under $FIX before the run (name → content); a name ending in / is a folder. */
  readonly files?: Readonly<Record<string, string>>;
  /** Extra preparation (e.g. an existing run folder, a read-only folder). */
  readonly setup?: (dirs: { results: string; fix: string }) => void;
  /** stderr must match: it names the flag, env var, file or field. */
  readonly expect: RegExp;
  /** Text that must appear nowhere in the output (secrets). */
  readonly mustNotShow?: readonly string[];
  /** Run through `npm run --silent <script> -- args`, as a user types it. */
  readonly viaNpm?: boolean;
  readonly skip?: string;
}

export const VALID_MANIFEST = 'chaos/pod-kill-order-service.yaml';
export const POD_KILL = (spec: string, name = 'pod-kill-order-service') =>
  `apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata:\n  name: ${name}\n  namespace: ecommerce\nspec:\n${spec}`;
export const SELECTOR =
  '  selector:\n    namespaces:\n      - ecommerce\n    labelSelectors:\n      app.kubernetes.io/name: order-service\n';
/** chaos:apply rows: an admin URL nobody listens on, so a row that is not rejected touches nothing. */
export const APPLY_SAFE = ['--admin-url', 'http://127.0.0.1:9'];
