import { describe, expect, it } from 'vitest';
import { OutlierDetector } from '../../../src/target/gateway/outlier-detector.ts';

const policy = { consecutive5xxErrors: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 50 };

function setup(hosts = ['a', 'b']) {
  let now = 1_000;
  const events: string[] = [];
  const detector = new OutlierDetector(
    policy,
    (host, ejected) => events.push(`${host}:${ejected}`),
    () => now,
  );
  detector.setHosts(hosts);
  return { detector, events, advance: (ms: number) => (now += ms) };
}

describe('OutlierDetector', () => {
  it('ejects a replica after 5 consecutive failures, not after 4', () => {
    const { detector } = setup();
    for (let i = 0; i < 4; i++) detector.record('a', true);
    expect(detector.isEjected('a')).toBe(false);
    detector.record('a', true);
    expect(detector.isEjected('a')).toBe(true);
  });

  it('a success resets the consecutive count', () => {
    const { detector } = setup();
    for (let i = 0; i < 4; i++) detector.record('a', true);
    detector.record('a', false);
    for (let i = 0; i < 4; i++) detector.record('a', true);
    expect(detector.isEjected('a')).toBe(false);
  });

  it('never ejects more than 50 % of the service', () => {
    const { detector } = setup();
    for (let i = 0; i < 5; i++) detector.record('a', true);
    for (let i = 0; i < 10; i++) detector.record('b', true);
    expect([detector.isEjected('a'), detector.isEjected('b')]).toEqual([true, false]);
    expect(detector.ejectedCount()).toBe(1);
  });

  it('always allows ejecting one host, even of a single-replica service', () => {
    const { detector } = setup(['only']);
    for (let i = 0; i < 5; i++) detector.record('only', true);
    expect(detector.isEjected('only')).toBe(true);
  });

  it('returns the replica at the first sweep after the ejection time; a second ejection lasts twice as long', () => {
    const { detector, events, advance } = setup();
    for (let i = 0; i < 5; i++) detector.record('a', true);
    advance(29_999);
    detector.sweep();
    expect(detector.isEjected('a')).toBe(true);
    advance(1);
    detector.sweep();
    expect(detector.isEjected('a')).toBe(false);
    for (let i = 0; i < 5; i++) detector.record('a', true);
    advance(30_000);
    detector.sweep();
    expect(detector.isEjected('a')).toBe(true);
    advance(30_000);
    detector.sweep();
    expect(detector.isEjected('a')).toBe(false);
    expect(events).toEqual(['a:true', 'a:false', 'a:true', 'a:false']);
  });
});
