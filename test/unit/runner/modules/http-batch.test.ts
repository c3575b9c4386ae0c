import { describe, expect, it } from 'vitest';
import { parseBatch, shapeBatchResults } from '../../../../src/runner/modules/http-batch.ts';

describe('http.batch argument forms', () => {
  it('normalises the string, array and object request forms of an array batch', () => {
    const params = { tags: { name: 'p' } };
    const { entries, isArray } = parseBatch([
      'http://a/1',
      ['post', 'http://a/2', 'body', params],
      { method: 'PUT', url: 'http://a/3', body: { k: 'v' } },
      { url: 'http://a/4' },
    ]);
    expect(isArray).toBe(true);
    expect(entries).toEqual([
      { key: '0', method: 'GET', url: 'http://a/1', body: null, params: undefined },
      { key: '1', method: 'post', url: 'http://a/2', body: 'body', params },
      { key: '2', method: 'PUT', url: 'http://a/3', body: { k: 'v' }, params: undefined },
      { key: '3', method: 'GET', url: 'http://a/4', body: null, params: undefined },
    ]);
  });

  it('keeps object keys and gives results back in the caller’s shape', () => {
    const { entries, isArray } = parseBatch({ home: 'http://a/', item: ['GET', 'http://a/i'] });
    expect(isArray).toBe(false);
    expect(entries.map((e) => e.key)).toEqual(['home', 'item']);
    expect(shapeBatchResults(entries, isArray, [1, 2])).toEqual({ home: 1, item: 2 });
    const list = parseBatch(['http://a/', 'http://b/']);
    expect(shapeBatchResults(list.entries, list.isArray, ['x', 'y'])).toEqual(['x', 'y']);
  });

  it.each([
    ['a non-collection', 'http://a/', /expects an array or an object/],
    ['an object without url', [{ method: 'GET' }], /batch request 0 doesn't have a url key/],
    ['a one-element array', { x: ['GET'] }, /batch request x: expected \[method, url/],
    ['a number entry', [42], /batch request 0: invalid type \(got number/],
  ])('rejects %s like k6', (_name, input, message) => {
    expect(() => parseBatch(input)).toThrow(message);
  });
});
