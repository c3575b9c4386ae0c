import { describe, expect, it } from 'vitest';
import { seriesTagsOf } from '../../../../src/runner/metrics/series-key.ts';

describe('seriesTagsOf', () => {
  it('drops url, vu and iter and ignores tag order', () => {
    const a = seriesTagsOf({ status: '200', url: 'http://x/1', service: 's', vu: '1', iter: '7' });
    const b = seriesTagsOf({ service: 's', url: 'http://x/2', status: '200' });
    expect(a.key).toBe(b.key);
    expect(a.tags).toEqual({ service: 's', status: '200' });
    expect(b.tags).toEqual(a.tags);
    expect(Object.isFrozen(a.tags)).toBe(true);
  });

  it('tells different values apart and maps no tags to the empty key', () => {
    expect(seriesTagsOf({ status: '200' }).key).not.toBe(seriesTagsOf({ status: '500' }).key);
    expect(seriesTagsOf({ url: 'http://x' })).toEqual({ key: '', tags: {} });
  });

  it('computes once per tags object', () => {
    const tags = Object.freeze({ service: 'cached' });
    expect(seriesTagsOf(tags)).toBe(seriesTagsOf(tags));
  });
});
