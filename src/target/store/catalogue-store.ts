// Customer and product data (one store each per service, held by the supervisor so both replicas of a
// service see the same state). Stock reservations are idempotent by key, so a retried reservation
// never takes stock twice. Runs in: Node (parent).
import { type Customer, type Product, seedCustomers, seedProducts } from '../seed.ts';
import { BoundedMap } from './bounded-map.ts';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export class CustomerStore {
  readonly #byId = new Map<string, Customer>();
  readonly #all: Customer[];
  constructor(customers: Customer[] = seedCustomers()) {
    this.#all = customers;
    for (const c of customers) this.#byId.set(c.id, c);
  }
  get(id: string): Customer | null {
    return this.#byId.get(id) ?? null;
  }
  list(limit: number, offset: number): Page<Customer> {
    return { items: this.#all.slice(offset, offset + limit), total: this.#all.length, limit, offset };
  }
}

interface ReservationLine {
  productId: string;
  quantity: number;
  priceCents: number;
}
export type ReservationResult =
  | { ok: true; lines: ReservationLine[]; totalCents: number }
  | { ok: false; reason: 'unknown_product' | 'out_of_stock'; productId: string };

export class ProductStore {
  readonly #byId = new Map<string, Product>();
  readonly #all: Product[];
  /** Reservations remembered for idempotency; the oldest are dropped beyond STORE_RETENTION. */
  readonly #reservations = new BoundedMap<string, ReservationResult>();
  constructor(products: Product[] = seedProducts()) {
    this.#all = products;
    for (const p of products) this.#byId.set(p.id, p);
  }
  get(id: string): Product | null {
    return this.#byId.get(id) ?? null;
  }
  list(category: string | undefined, limit: number, offset: number): Page<Product> {
    const matching = category ? this.#all.filter((p) => p.category === category) : this.#all;
    return { items: matching.slice(offset, offset + limit), total: matching.length, limit, offset };
  }
  /** All-or-nothing stock reservation; the same key returns the first outcome again. */
  reserve(key: string, items: { productId: string; quantity: number }[]): ReservationResult {
    const known = this.#reservations.get(key);
    if (known) return known;
    const result = this.#reserveOnce(items);
    this.#reservations.set(key, result);
    return result;
  }
  #reserveOnce(items: { productId: string; quantity: number }[]): ReservationResult {
    const wanted = new Map<string, number>();
    for (const item of items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    for (const [productId, quantity] of wanted) {
      const product = this.#byId.get(productId);
      if (!product) return { ok: false, reason: 'unknown_product', productId };
      if (product.stock < quantity) return { ok: false, reason: 'out_of_stock', productId };
    }
    const lines: ReservationLine[] = [];
    let totalCents = 0;
    for (const [productId, quantity] of wanted) {
      const product = this.#byId.get(productId)!;
      product.stock -= quantity;
      lines.push({ productId, quantity, priceCents: product.priceCents });
      totalCents += product.priceCents * quantity;
    }
    return { ok: true, lines, totalCents };
  }
  /** Deterministic picks for a customer: in-stock products of one category, rotated by the customer. */
  recommend(customerNumber: number, limit: number): string[] {
    const inStock = this.#all.filter((p) => p.stock > 0);
    if (inStock.length === 0) return [];
    const category = inStock[customerNumber % inStock.length].category;
    const pool = inStock.filter((p) => p.category === category);
    return Array.from(
      { length: Math.min(limit, pool.length) },
      (_, i) => pool[(customerNumber + i * 7) % pool.length].id,
    );
  }
}
