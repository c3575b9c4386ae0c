import { describe, expect, it } from 'vitest';
import { seedCustomers, seedProducts } from '../../../src/target/seed.ts';

describe('seed', () => {
  it('has customers c-0001..c-1000 and products p-0001..p-0500, deterministic', () => {
    const customers = seedCustomers();
    const products = seedProducts();
    expect(customers.map((c) => c.id).slice(0, 2)).toEqual(['c-0001', 'c-0002']);
    expect(customers.at(-1)?.id).toBe('c-1000');
    expect(products.at(-1)?.id).toBe('p-0500');
    expect(seedProducts()).toEqual(products);
    expect(new Set(products.map((p) => p.category)).size).toBe(8);
  });

  it('keeps stock large except a few low-stock products and one sold out', () => {
    const products = seedProducts();
    expect(products.filter((p) => p.stock === 1_000_000)).toHaveLength(490);
    expect(products.filter((p) => p.stock === 10).map((p) => p.id)).toEqual([
      'p-0491',
      'p-0492',
      'p-0493',
      'p-0494',
      'p-0495',
      'p-0496',
      'p-0497',
      'p-0498',
      'p-0499',
    ]);
    expect(products.find((p) => p.id === 'p-0500')?.stock).toBe(0);
  });
});
