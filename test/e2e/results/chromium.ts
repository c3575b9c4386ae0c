// A real headless Chromium for the report tests: the system one when installed, else the
// @sparticuz/chromium build (unpacked from its brotli archive into /tmp on first use). Flags keep it
// from phoning home, which on a closed network would show up as refused connections. Runs in: Node.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedChromium {
  context: BrowserContext;
  executablePath: string;
  source: 'system' | '@sparticuz/chromium';
  /** Time to find (and unpack) the binary, ms. */
  findMs: number;
  /** Time from launch to a usable browser context, ms. */
  launchMs: number;
  close(): Promise<void>;
}

async function findExecutable(): Promise<{ executablePath: string; source: LaunchedChromium['source'] }> {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return { executablePath: await sparticuz.executablePath(), source: '@sparticuz/chromium' };
}

/** Launches with a new empty profile directory, removed again by `close`. */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<LaunchedChromium> {
  const foundAt = performance.now();
  const { executablePath, source } = await findExecutable();
  const findMs = performance.now() - foundAt;
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'c4ang-report-chromium-'));
  const launchedAt = performance.now();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport,
    // Under LANG=C Chromium reports the language `en-US@posix`, which Intl (and so uPlot) rejects.
    locale: 'en-US',
    timezoneId: 'UTC',
    timeout: 60_000,
  });
  return {
    context,
    executablePath,
    source,
    findMs,
    launchMs: performance.now() - launchedAt,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
