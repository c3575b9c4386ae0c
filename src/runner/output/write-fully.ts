// Synchronous append that retries short writes, so a flushed chunk is never silently truncated.
// Runs in: Node (runner main thread).
import { writeSync } from 'node:fs';

export function writeFully(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
