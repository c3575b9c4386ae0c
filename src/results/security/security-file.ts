// security.json of a security run: what was found outside the k6 checks — today whether mTLS is
// STRICT in the platform's namespace (or why it was not checked). Written once after the load, read
// by the verdict, so `npm run report` rebuilds the same criterion from the folder. Runs in: Node.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MtlsCheck } from './check-mtls.ts';

export const SECURITY_FILE = 'security.json';

export interface SecurityFile {
  readonly mtls: MtlsCheck;
}

export async function writeSecurityFile(runDir: string, file: SecurityFile): Promise<void> {
  await writeFile(path.join(runDir, SECURITY_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/** The folder's security.json, or undefined when it has none or it cannot be read. */
export async function readSecurityFile(runDir: string): Promise<SecurityFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(runDir, SECURITY_FILE), 'utf8')) as SecurityFile;
    return parsed && typeof parsed.mtls === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
