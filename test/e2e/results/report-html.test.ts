// report.html and history.html in a real headless Chromium, opened from file:// as a person would:
// no console or page error, not one network request, every chart's canvas drawn, every criterion
// listed, hostile strings shown as text. Screenshots land in results/ (git-ignored) for a human
// look. Also: a 24 h series downsamples to ≤ 2000 points and a small page.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chartDataOf,
  type HistoryEntry,
  renderHistoryHtml,
  renderReportHtml,
} from '../../../src/results/report-html/index.ts';
import {
  HOSTILE,
  SPIKE_PHASES,
  START_S,
  soakSeries,
  spikeSeries,
  stressPhases,
} from '../../fixtures/report/synthetic-series.ts';
import { spikeVerdict, stressVerdict } from '../../fixtures/report/synthetic-verdict.ts';
import { type LaunchedChromium, launchChromium } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENSHOT_DIR = path.join(ROOT, 'results');
let browser: LaunchedChromium;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'c4ang-report-'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  browser = await launchChromium();
  console.log(
    `chromium: ${browser.source} ${browser.executablePath} (found in ${browser.findMs.toFixed(0)} ms, ` +
      `launched in ${browser.launchMs.toFixed(0)} ms)`,
  );
});

afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

/** Writes `html` and opens it, recording console errors, page errors and every request. */
async function open(html: string, name: string): Promise<Opened> {
  const file = path.join(tmp, name);
  await writeFile(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.chart canvas').first().waitFor();
  return { page, problems, requests };
}

/** Per chart container: whether it has a canvas and how many of its pixels are not transparent. */
async function drawnPixels(page: Page): Promise<{ id: string; pixels: number; area: number }[]> {
  return page.$$eval('.chart', (charts) =>
    charts.map((chart) => {
      const canvas = chart.querySelector('canvas');
      if (!canvas) return { id: chart.id, pixels: 0, area: 0 };
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let pixels = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) pixels++;
      return { id: chart.id, pixels, area: canvas.width * canvas.height };
    }),
  );
}

function expectClean(opened: Opened): void {
  expect(opened.problems).toEqual([]);
  expect(opened.requests).toEqual([]);
}

describe('report.html', () => {
  it('opens offline with every chart drawn, every criterion listed and hostile text escaped', async () => {
    const series = spikeSeries();
    const verdict = spikeVerdict(series);
    const baseline = {
      runId: 'spike-20261120-090000-0000',
      overall: { ...verdict.analysis.overall, p95Ms: 180, rps: 190 },
    };
    const html = renderReportHtml({ verdict, chart: chartDataOf(series), phases: SPIKE_PHASES, baseline });
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toContain(HOSTILE);

    const opened = await open(html, 'report.html');
    const { page } = opened;
    const charts = await drawnPixels(page);
    expect(charts.map((c) => c.id)).toEqual(['chart-throughput', 'chart-latency', 'chart-errors']);
    for (const chart of charts) expect(chart.pixels, chart.id).toBeGreaterThan(chart.area * 0.02);

    expect(await page.textContent('#headline .badge')).toBe('FAILED');
    expect(await page.textContent('#headline')).toContain(verdict.reason);
    expect(await page.textContent('#headline')).toContain('recovery-under-60s');
    const ids = await page.$$eval('#criteria tbody tr td:first-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(ids).toEqual(verdict.criteria.map((c) => c.id));
    const statuses = await page.$$eval('#criteria .badge', (badges) => badges.map((b) => b.textContent));
    expect(statuses).toEqual(['PASS', 'FAIL', 'PASS', 'PASS', 'INCONCLUSIVE']);
    // Hostile service name and description come out as text, never as an element.
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.textContent('#services')).toContain(HOSTILE);
    expect(await page.textContent('#criteria')).toContain(HOSTILE);
    expect(await page.textContent('#chaos')).toContain('pod-kill-order-service');
    expect(await page.textContent('#baseline')).toContain('spike-20261120-090000-0000');

    const screenshot = path.join(SCREENSHOT_DIR, 'report-screenshot.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report screenshot: ${screenshot}`);
    expectClean(opened);
    await page.close();
  });

  it('fits the criteria table on a 1280 px page with long k6 expressions and unjudged criteria', async () => {
    const series = spikeSeries();
    const verdict = spikeVerdict(series);
    verdict.criteria.push(
      {
        id: 'chaos-pod-kill-order-service-errors-during-fault',
        description: 'order-service: errors during the fault below 5 %',
        limit: 'http_req_failed{phase:post,service:order-service} rate<0.01',
        observed: 0,
        unit: 'ratio',
        pass: true,
        status: 'pass',
        source: 'threshold',
      },
      {
        id: 'cpu-of-requests',
        description: 'CPU of requests (peak): highest product-service 15.3 %',
        limit: 'none for spike',
        observed: 0.153,
        unit: 'ratio',
        pass: null,
        status: 'reported',
        source: 'analysis',
      },
      {
        id: 'alert-circuit-breaker-open',
        description: 'CircuitBreakerOpen (warning; 503 UO rate over 1m > 0 for 2m): not evaluated',
        limit: 'none for spike',
        observed: null,
        pass: null,
        status: 'not-measured',
        notMeasured: "run shorter than the alert's window + for (3m)",
        source: 'analysis',
      },
    );
    const html = renderReportHtml({ verdict, chart: chartDataOf(series), phases: SPIKE_PHASES });
    const opened = await open(html, 'wide-criteria-report.html');
    const fit = await opened.page.$eval('#criteria', (table) => ({
      table: table.scrollWidth,
      wrap: (table.parentElement as unknown as { clientWidth: number }).clientWidth,
    }));
    // Status and Source stay on the page: nothing to scroll sideways for.
    expect(fit.table).toBeLessThanOrEqual(fit.wrap);
    const statuses = await opened.page.$$eval('#criteria .badge', (badges) =>
      badges.map((b) => b.textContent),
    );
    expect(statuses.slice(-3)).toEqual(['PASS', 'REPORTED', 'NOT MEASURED']);
    expectClean(opened);
    await opened.page.close();
  });

  it('marks the breaking step of a stress run', async () => {
    const series = spikeSeries();
    const verdict = stressVerdict(series);
    const html = renderReportHtml({ verdict, chart: chartDataOf(series), phases: stressPhases() });
    const opened = await open(html, 'stress-report.html');
    expect(await opened.page.textContent('#headline .badge')).toBe('PASSED');
    expect(await opened.page.textContent('#charts')).toContain('Breaking point at step-4');
    // The steps table names every step and highlights the breaking one.
    expect(await opened.page.textContent('#steps tr.status-fail')).toContain('step-4');
    for (const chart of await drawnPixels(opened.page)) expect(chart.pixels, chart.id).toBeGreaterThan(0);
    await opened.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'report-stress-screenshot.png'),
      fullPage: true,
    });
    expectClean(opened);
    await opened.page.close();
  });
});

describe('history.html', () => {
  it('draws p95, error rate and throughput per profile, offline', async () => {
    const entries: HistoryEntry[] = [];
    for (let day = 0; day < 8; day++) {
      const startedAt = new Date((START_S + day * 86_400) * 1000).toISOString();
      const pass = day !== 5;
      const overall = {
        p95Ms: 180 + day * 12 + (pass ? 0 : 400),
        errorRate: pass ? 0.001 * day : 0.04,
        rps: 200 - day * 3,
      };
      entries.push({
        runId: `spike-${day}`,
        profile: 'spike',
        startedAt,
        status: 'finished',
        exitCode: pass ? 0 : 99,
        pass,
        overall,
      });
      entries.push({
        runId: `smoke-${day}`,
        profile: 'smoke',
        startedAt,
        status: 'finished',
        exitCode: 0,
        pass: true,
        overall: { p95Ms: 20 + day, errorRate: 0, rps: 8 },
      });
    }
    entries.push({
      runId: `soak-${HOSTILE}`,
      profile: 'soak',
      startedAt: entries[0].startedAt,
      status: 'interrupted',
    });

    const opened = await open(renderHistoryHtml(entries), 'history.html');
    const charts = await drawnPixels(opened.page);
    // smoke and spike: three charts each; the soak run has no figures, so no charts.
    expect(charts).toHaveLength(6);
    for (const chart of charts) expect(chart.pixels, chart.id).toBeGreaterThan(0);
    expect(await opened.page.$$('img')).toHaveLength(0);
    expect(await opened.page.textContent('body')).toContain(`soak-${HOSTILE}`);
    await opened.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'history-screenshot.png'),
      fullPage: true,
    });
    expectClean(opened);
    await opened.page.close();
  });
});

describe('a 24 h soak', () => {
  it('downsamples to at most 2000 points, keeps every request, and stays a small page', () => {
    const series = soakSeries(24);
    expect(series.points).toHaveLength(86_400);
    const startedAt = performance.now();
    const chart = chartDataOf(series);
    expect(chart.t.length).toBeLessThanOrEqual(2000);
    expect(chart.bucketS).toBe(44);
    const requests = chart.rps.reduce(
      (sum, rps, i) => sum + rps * Math.min(chart.bucketS, 86_400 - i * 44),
      0,
    );
    expect(requests).toBeCloseTo(86_400 * 200, 0);
    expect(chart.p95.every((v) => v !== null && v > 0)).toBe(true);

    const verdict = spikeVerdict(spikeSeries());
    const html = renderReportHtml({ verdict: { ...verdict, profile: 'soak' }, chart, phases: [] });
    const elapsedMs = performance.now() - startedAt;
    console.log(
      `24 h series: ${chart.t.length} points, ${(html.length / 1024).toFixed(0)} KiB, ${elapsedMs.toFixed(0)} ms`,
    );
    expect(html.length).toBeLessThan(2 * 1024 * 1024);
    expect(elapsedMs).toBeLessThan(10_000);
  });
});
