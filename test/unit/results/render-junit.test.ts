// junit.xml from a verdict: parsed back with a strict minimal XML reader, so escaping mistakes and
// unbalanced tags fail here rather than in a CI reporter.
import { describe, expect, test } from 'vitest';
import { renderJunit, renderJunitSuites } from '../../../src/results/render-junit.ts';
import { passingVerdict, sampleCriterion, sampleVerdict } from './verdict-fixture.ts';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/[<]|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`unescaped text: ${text}`);
  return text.replace(/&(#\d+|\w+);/g, (_, ref: string) =>
    ref.startsWith('#') ? String.fromCharCode(Number(ref.slice(1))) : (ENTITIES[ref] as string),
  );
}

/** Elements, double-quoted attributes, text and the XML declaration; throws on anything malformed. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([\w.-]+)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let match = token.exec(body); match !== null; match = token.exec(body)) {
    consumed = token.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    const top = stack[stack.length - 1] as XmlElement;
    if (text !== undefined) {
      top.text += decode(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of (attributeText ?? '').matchAll(/([\w.-]+)="([^"]*)"/g))
        attributes[key as string] = decode(value as string);
      const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error('malformed XML');
  const [document] = root.children;
  if (!document || root.children.length !== 1) throw new Error('expected one root element');
  return document;
}

const casesOf = (suite: XmlElement) => suite.children.filter((c) => c.name === 'testcase');

describe('renderJunit', () => {
  const document = parseXml(renderJunit(sampleVerdict()));
  const suite = document.children[0] as XmlElement;
  const byName = (name: string) => casesOf(suite).find((c) => c.attributes.name === name) as XmlElement;

  test('one suite with counts, run time and start', () => {
    expect(document.name).toBe('testsuites');
    expect(document.attributes).toMatchObject({ tests: '5', failures: '1', skipped: '2', errors: '0' });
    expect(suite.attributes).toMatchObject({
      name: 'c4ang-perf normal',
      tests: '5',
      failures: '1',
      skipped: '2',
      time: '92.500',
      timestamp: '2025-06-02T10:00:00.000Z',
    });
  });

  test('one testcase per criterion, classname c4ang-perf.<profile>, name = criterion id', () => {
    expect(casesOf(suite).map((c) => c.attributes.name)).toEqual([
      'p95-under-500ms',
      'p99-under-1000ms',
      'errors-under-0.1pct',
      'target-rate-reached',
      'chaos-recovery-under-60s',
    ]);
    for (const testcase of casesOf(suite)) {
      expect(testcase.attributes.classname).toBe('c4ang-perf.normal');
      expect(testcase.attributes.time).toMatch(/^\d+\.\d{3}$/);
    }
  });

  test('a failed criterion: "observed X vs limit Y" with units, description in the body', () => {
    const failure = byName('p95-under-500ms').children[0] as XmlElement;
    expect(failure.name).toBe('failure');
    expect(failure.attributes.message).toBe('observed 612 ms vs limit p(95) < 500 ms');
    expect(failure.text).toContain('95th percentile response time below 500 ms');
  });

  test('inconclusive criteria are skipped with their reason; passed ones are empty', () => {
    expect(byName('target-rate-reached').children[0]).toMatchObject({
      name: 'skipped',
      attributes: { message: 'inconclusive: generator overloaded' },
    });
    expect(byName('chaos-recovery-under-60s').children[0]?.attributes.message).toBe('inconclusive: no data');
    expect(byName('p99-under-1000ms').children).toEqual([]);
  });

  test('strict: inconclusive criteria fail instead', () => {
    const strict = parseXml(renderJunit(sampleVerdict({ strict: true })));
    expect(strict.attributes).toMatchObject({ failures: '3', skipped: '0' });
    const testcase = casesOf(strict.children[0] as XmlElement).find(
      (c) => c.attributes.name === 'target-rate-reached',
    );
    expect(testcase?.children[0]).toMatchObject({
      name: 'failure',
      attributes: { message: 'inconclusive: generator overloaded (strict)' },
    });
  });

  test('a failed run without a failed criterion gets a failing `run` case', () => {
    const xml = renderJunit(
      passingVerdict({ pass: false, exitCode: 107, reason: 'script error', run: { error: 'boom <here>' } }),
    );
    const run = casesOf(parseXml(xml).children[0] as XmlElement).find((c) => c.attributes.name === 'run');
    expect(run?.children[0]?.attributes.message).toBe('boom <here>');
  });

  test('a passing run has no failures; suiteName overrides the suite name', () => {
    const document = parseXml(renderJunit(passingVerdict(), { suiteName: 'perf gate' }));
    expect(document.attributes).toMatchObject({ tests: '5', failures: '0', skipped: '0' });
    expect(document.children[0]?.attributes.name).toBe('perf gate');
  });
});

test('markup, quotes, newlines and control characters in names and messages survive a round trip', () => {
  const nasty = `a<b>&"c'\nd\u0007`;
  const xml = renderJunitSuites([
    {
      name: nasty,
      cases: [
        { name: nasty, classname: 'x.y', failure: nasty, failureDetail: `${nasty}]]>`, timeS: 1.5 },
        { name: 'skipped', classname: 'x.y', skipped: nasty },
      ],
    },
  ]);
  // Real parsers fold a raw newline in an attribute into a space: it must be a character reference.
  expect(xml).toContain(`c&apos;&#10;d`);
  expect(xml).not.toContain('\u0007');
  const document = parseXml(xml);
  const suite = document.children[0] as XmlElement;
  const [failed, skipped] = casesOf(suite);
  expect(suite.attributes.name).toBe(`a<b>&"c'\nd`);
  expect(failed?.attributes).toMatchObject({ name: `a<b>&"c'\nd`, time: '1.500' });
  expect(failed?.children[0]?.attributes.message).toBe(`a<b>&"c'\nd`);
  expect(failed?.children[0]?.text).toBe(`a<b>&"c'\nd]]>`);
  expect(skipped?.children[0]?.attributes.message).toBe(`a<b>&"c'\nd`);
  expect(document.attributes).toMatchObject({ tests: '2', failures: '1', skipped: '1', time: '1.500' });
});

test('criterion values keep their units in the failure message', () => {
  const verdict = passingVerdict({ pass: false, exitCode: 99 });
  verdict.criteria = [
    sampleCriterion({
      id: 'errors-under-1pct',
      limit: 'rate<0.01',
      observed: 0.0235,
      unit: 'ratio',
      status: 'fail',
      pass: false,
    }),
  ];
  const failure = casesOf(parseXml(renderJunit(verdict)).children[0] as XmlElement)[0]?.children[0];
  expect(failure?.attributes.message).toBe('observed 2.35 % vs limit rate < 1 %');
});
