// What the harness has of one runner pod's results, built from its log lines as they are read (and
// read again after a reconnect): series chunks appended to a file in the run folder in sequence order,
// each once, with the gaps noted; and the newest complete cumulative report. The file is cut at the
// chunk the newest report covers when the series is merged, so a chunk printed after the last report
// that arrived is never counted twice with that report's open seconds. Runs in: Node.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { RecordAssembler, type RunnerReport } from './runner-log-protocol.ts';

export class RunnerResults {
  readonly pod: string;
  readonly seriesFile: string;
  instance: number | undefined;
  /** The newest complete report (highest seq). */
  latest: RunnerReport | undefined;
  /** Series chunk numbers that never arrived before a later one. */
  readonly missingChunks: number[] = [];
  private readonly assembler = new RecordAssembler();
  private lastChunk = 0;
  private bytes = 0;
  /** Bytes of the series file once chunk `seq` was appended. */
  private readonly chunkEnds = new Map<number, number>([[0, 0]]);

  constructor(pod: string, instance: number | undefined, seriesDir: string) {
    this.pod = pod;
    this.instance = instance;
    mkdirSync(seriesDir, { recursive: true });
    this.seriesFile = path.join(seriesDir, `${pod}.ndjson`);
    appendFileSync(this.seriesFile, '');
  }

  /** One line of the pod's log. */
  push(line: string): void {
    const record = this.assembler.push(line);
    if (!record) return;
    if (record.kind === 'report') {
      if (!this.latest || record.report.seq > this.latest.seq) this.latest = record.report;
      return;
    }
    const { seq, lines } = record.chunk;
    // Read again after a reconnect: what was appended stays, once.
    if (seq <= this.lastChunk) return;
    for (let missing = this.lastChunk + 1; missing < seq; missing++) this.missingChunks.push(missing);
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    if (text) appendFileSync(this.seriesFile, text);
    this.bytes += Buffer.byteLength(text);
    this.chunkEnds.set(seq, this.bytes);
    this.lastChunk = seq;
  }

  /** Records whose parts did not decode. */
  get badRecords(): number {
    return this.assembler.bad;
  }

  get chunks(): number {
    return this.chunkEnds.size - 1;
  }

  /** Bytes of the series file the newest report covers (chunks up to its seq). */
  seriesBytesCovered(): number {
    const upTo = this.latest?.seq ?? 0;
    let end = 0;
    for (const [seq, bytes] of this.chunkEnds) if (seq <= upTo && bytes > end) end = bytes;
    return end;
  }
}
