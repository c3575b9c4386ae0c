import { describe, expect, test } from 'vitest';
import { BoundedMap } from '../../../src/target/store/bounded-map.ts';
import { OrderStore } from '../../../src/target/store/order-store.ts';

describe('BoundedMap', () => {
  test('keeps the most recent entries only', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    expect(map.size).toBe(3);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('d')).toBe(3);
  });

  test('replacing a key does not evict another', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([3, 2, 2]);
  });

  test('rejects a capacity below 1', () => {
    expect(() => new BoundedMap(0)).toThrow(/at least 1/);
  });
});

describe('stores stay bounded on long runs', () => {
  test('an order store holding 250k orders keeps the newest 200k', () => {
    const store = new OrderStore();
    for (let i = 0; i < 250_000; i++) {
      store.create({
        id: `o-${i}`,
        customerId: 'c-0001',
        items: [],
        total: 1,
        status: 'PENDING',
        sagaId: `s-${i}`,
        createdAt: '',
      });
    }
    expect(store.get('o-0')).toBeNull();
    expect(store.get('o-249999')?.sagaId).toBe('s-249999');
  });
});
