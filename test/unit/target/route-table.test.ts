import { describe, expect, it } from 'vitest';
import { hostMatches, matchRoute } from '../../../src/target/gateway/route-table.ts';

describe('gateway routes', () => {
  it.each([
    ['/api/v1/customers', 'customer-service'],
    ['/api/v1/customers/c-0001', 'customer-service'],
    ['/api/v1/orders', 'order-service'],
    ['/api/v1/products/p-0001', 'product-service'],
    ['/api/v1/payments', 'payment-service'],
    ['/api/v1/recommendations', 'recommendation-service'],
    ['/api/v1/saga/o-1', 'saga-tracker'],
    ['/api/v1/orders/health', 'order-service'],
  ])('%s → %s', (path, service) => {
    expect(matchRoute('api.c4ang.com', path)?.name).toBe(service);
  });

  it.each(['/', '/api/v1', '/api/v1/customersX', '/api/v2/orders', '/api/v1/does-not-exist'])(
    '%s has no route',
    (path) => {
      expect(matchRoute('api.c4ang.com', path)).toBeUndefined();
    },
  );

  it('accepts api.c4ang.com with a port, and any host through "*"', () => {
    expect(hostMatches('api.c4ang.com:8080')).toBe(true);
    expect(hostMatches('localhost:8080')).toBe(true);
    expect(hostMatches('shop.example', ['api.c4ang.com'])).toBe(false);
  });
});
