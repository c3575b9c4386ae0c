// Bootstrap code for worker threads whose entry is a .ts module: Node 20 does not apply
// `--import tsx` to a worker's entry, so an eval'd CommonJS stub loads it with tsx's tsImport().
// Runs in: Node (the thread that starts the worker).

/**
 * Source for `new Worker(code, { eval: true })` that imports `entry` through tsx. If loading fails,
 * `onFailure` (JS statements, `error` in scope) runs first, then the error is rethrown so the
 * Worker emits 'error'.
 */
export function tsWorkerBootstrap(entry: URL, onFailure = ''): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const href = JSON.stringify(entry.href);
  return `(async () => { const { tsImport } = await import(${JSON.stringify(tsxApi)}); await tsImport(${href}, ${href}); })().catch((error) => { ${onFailure} process.nextTick(() => { throw error; }); });`;
}
