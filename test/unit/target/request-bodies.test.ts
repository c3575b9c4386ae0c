// The stand-in services' refusals that the security profile probes: a body of another declared
// content type is a 415, and an error message never quotes the offending input.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError, isJsonContentType, readJsonBody } from '../../../src/target/services/http-kit.ts';
import { parsePaging, rejectMaliciousQuery } from '../../../src/target/services/input-validation.ts';

const requestWith = (body: string, contentType?: string) =>
  Object.assign(Readable.from([Buffer.from(body)]), {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  }) as unknown as IncomingMessage;

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
};

describe('JSON bodies', () => {
  it.each([
    [undefined, true],
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/problem+json', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['application/xml', false],
    ['application/jsonp', false],
  ])('content type %s is JSON: %s', (type, json) => {
    expect(isJsonContentType(type)).toBe(json);
  });

  it('refuses valid JSON declared as another type with 415', async () => {
    const error = await refusal(readJsonBody(requestWith('{"customerId":"c-0001"}', 'text/plain')));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('still reads JSON sent without a content type, or as application/json', async () => {
    await expect(readJsonBody(requestWith('{"a":1}'))).resolves.toEqual({ a: 1 });
    await expect(readJsonBody(requestWith('{"a":1}', 'application/json'))).resolves.toEqual({ a: 1 });
  });
});

describe('error messages never echo the input', () => {
  it.each([
    ['a query name', '<script>alert(1)</script>=1'],
    ['a query value', 'category=<script>alert(1)</script>'],
  ])('for %s', (_where, query) => {
    try {
      rejectMaliciousQuery(new URLSearchParams(query));
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as ApiError).status).toBe(400);
      expect((error as ApiError).message).not.toContain('<script>');
    }
  });

  it('names a plain parameter, and quotes a bad number only when it is a plain word', () => {
    expect(() => rejectMaliciousQuery(new URLSearchParams("category=1' OR '1'='1"))).toThrow(
      'query parameter category contains disallowed content',
    );
    expect(() => parsePaging(new URLSearchParams('limit=abc'))).toThrow('(got abc)');
    expect(() => parsePaging(new URLSearchParams('limit=<b>1</b>'))).toThrow('(got something else)');
  });
});
