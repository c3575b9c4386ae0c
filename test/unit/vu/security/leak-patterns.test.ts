// What counts as a leaked stack trace or server internal in a probe's answer: one positive and one
// negative example per kind, and the header rules.
import { describe, expect, it } from 'vitest';
import { findLeaks, headerValue } from '../../../../src/vu/security/leak-patterns.ts';

describe('findLeaks in bodies', () => {
  it.each([
    ['JavaScript stack frame', '    at createOrder (/app/src/order-service.js:57:13)'],
    [
      'JavaScript stack frame',
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ],
    ['Java stack frame', 'at com.c4ang.order.OrderController.create(OrderController.java:57)'],
    ['Java exception class', 'org.springframework.dao.DataIntegrityViolationException: could not execute'],
    ['Python traceback', 'Traceback (most recent call last):\n  File "/srv/app.py", line 3'],
    ['Go panic', 'panic: runtime error: index out of range\n\ngoroutine 1 [running]:'],
    ['server source path', 'error in /home/app/server/handlers.ts'],
    ['Node.js internals', 'connect ECONNREFUSED'],
    ['private address with port', 'upstream 10.0.3.17:8080 did not answer'],
    ['database error', 'ERROR: syntax error at or near "OR" (SQLSTATE 42601)'],
  ])('finds a %s', (kind, body) => {
    expect(findLeaks(body, {})).toContain(`${kind} in the body`);
  });

  it.each([
    '{"error":{"code":"INVALID_INPUT","message":"path contains disallowed content"}}',
    '{"error":{"code":"NOT_FOUND","message":"no route for /api/v1/does-not-exist"}}',
    '{"id":"p-0001","name":"Deluxe Lamp 3","price":84.18,"category":"home"}',
    '{"error":{"code":"RATE_LIMITED","message":"too many requests; retry after 1 s"}}',
    '{"status":"UP","service":"order-service","replica":"order-service-7c9f8d6b5-x2k4q"}',
    'look at the API docs: https://api.c4ang.com/docs',
  ])('finds nothing in %s', (body) => {
    expect(findLeaks(body, {})).toEqual([]);
  });
});

describe('findLeaks in headers', () => {
  it('flags framework headers and versioned Server headers, in any case', () => {
    expect(findLeaks('', { 'X-Powered-By': 'Express' })).toEqual(['x-powered-by header']);
    expect(findLeaks('', { Server: 'nginx/1.25.3' })).toEqual([
      'server header with a version (nginx/1.25.3)',
    ]);
  });

  it("accepts a Server header without a version (Envoy's istio-envoy)", () => {
    expect(findLeaks('', { server: 'istio-envoy', 'Content-Type': 'application/json' })).toEqual([]);
  });

  it('reads header values case-insensitively', () => {
    expect(headerValue({ 'Retry-After': '1' }, 'retry-after')).toBe('1');
    expect(headerValue({ 'retry-after': '2' }, 'Retry-After')).toBe('2');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });
});
