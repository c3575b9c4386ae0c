// A named pipe k6 writes its `--out json` samples into (k6 takes a file path, not a descriptor), read
// as it fills: nothing reaches the disk, so a 24 h run leaves no multi-GB sample file, and k6 blocks
// on a full pipe rather than the harness falling behind unboundedly.
// Both ends are opened here before k6 starts, without blocking: the read end, and a write end the
// harness holds so the reader sees no end-of-file before k6 has opened the pipe (or if k6 never
// does, e.g. a script error at load). Once k6 has exited, `writerDone()` lets go of it and the stream
// ends when what k6 wrote has been read. Runs in: Node (POSIX: mkfifo).
import { execFile } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

export interface SamplesPipe {
  /** Give this to k6: `--out json=<path>` (no .gz suffix: k6 writes plain NDJSON). */
  readonly path: string;
  /** k6's lines as they come. */
  readonly readable: Readable;
  /** k6 has exited: the stream ends once its last lines are read. Safe to call twice. */
  writerDone(): void;
  /** Closes what is still open and removes the pipe and its folder. */
  remove(): Promise<void>;
}

export async function openSamplesPipe(): Promise<SamplesPipe> {
  const dir = await mkdtemp(path.join(tmpdir(), 'c4ang-k6-samples-'));
  const pipePath = path.join(dir, 'k6-samples.ndjson');
  try {
    await promisify(execFile)('mkfifo', ['-m', '600', pipePath]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot create a named pipe for k6's samples (mkfifo: ${(error as Error).message})`, {
      cause: error,
    });
  }
  // Non-blocking opens: a FIFO's read end opens at once this way, and its write end then finds it.
  const readFd = openSync(pipePath, constants.O_RDONLY | constants.O_NONBLOCK);
  let holdFd: number | undefined = openSync(pipePath, constants.O_WRONLY | constants.O_NONBLOCK);
  // A socket handle reads a pipe descriptor without blocking a libuv thread (fs streams would).
  const readable = new net.Socket({ fd: readFd, readable: true, writable: false });
  const writerDone = () => {
    if (holdFd === undefined) return;
    closeSync(holdFd);
    holdFd = undefined;
  };
  return {
    path: pipePath,
    readable,
    writerDone,
    async remove() {
      writerDone();
      readable.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
