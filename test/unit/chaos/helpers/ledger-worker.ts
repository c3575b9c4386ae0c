// A child process for ledger.test.ts, so two real processes race on one ledger folder.
// argv: <dir> <tag> <count> <startAtMs> <mode>
//   churn: add <tag>-0 … <tag>-(count-1); after each odd one, remove the even one before it; print
//          when it started and ended (one JSON line), so the test can check the two overlapped.
//   claim: claim every entry listed, print the ids it got (one JSON line), drop them.
// Tests only. Runs in: Node (tsx).
import { Ledger } from '../../../../src/chaos/ledger.ts';

const [dir, tag, countText, startAtText, mode] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const ledger = new Ledger(dir);
// Both children start at the same moment, whatever their start-up took.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));

if (mode === 'churn') {
  const start = Date.now();
  for (let i = 0; i < Number(countText); i++) {
    await ledger.add({
      id: `${tag}-${i}`,
      runId: tag,
      provider: 'local',
      kind: 'PodChaos',
      name: `${tag}-${i}`,
      namespace: 'ecommerce',
      manifest: {},
    });
    if (i % 2 === 1) await ledger.remove(`${tag}-${i - 1}`);
  }
  console.log(JSON.stringify({ start, end: Date.now() }));
} else {
  const got: string[] = [];
  for (const entry of await ledger.list()) {
    const claim = await ledger.claim(entry.id);
    if (!claim) continue;
    got.push(claim.entry.id);
    await claim.done();
  }
  console.log(JSON.stringify(got));
}
