// Seeded catalogue of the stand-in, deterministic so VU code can pick existing ids without a list call:
//   customers c-0001..c-1000 (tier by id), products p-0001..p-0500 in 8 categories (category = n mod 8),
//   stock 1_000_000 each except p-0491..p-0499 (stock 10) and p-0500 (stock 0), so 409 is reachable.
// Prices are whole cents internally; the API shows them as decimal numbers. The counts and the id
// format are the VU side's (src/vu/services.ts), so scenarios pick ids that exist. Runs in: Node (parent).
import { CUSTOMER_COUNT, customerId, PRODUCT_COUNT, productId } from '../vu/services.ts';

export interface Customer {
  id: string;
  name: string;
  email: string;
  tier: 'standard' | 'silver' | 'gold' | 'platinum';
}

export interface Product {
  id: string;
  name: string;
  /** Price in cents. */
  priceCents: number;
  stock: number;
  category: string;
}

const DEFAULT_STOCK = 1_000_000;
const LOW_STOCK = 10;
const CATEGORIES = [
  'electronics',
  'books',
  'home',
  'garden',
  'toys',
  'sports',
  'fashion',
  'grocery',
] as const;

const FIRST = ['Ada', 'Bo', 'Chen', 'Dara', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kim', 'Lea'];
const LAST = [
  'Kowalski',
  'Nguyen',
  'Okafor',
  'Silva',
  'Larsen',
  'Haddad',
  'Ivanova',
  'Moreau',
  'Sato',
  'Weber',
];
const ADJECTIVES = [
  'Compact',
  'Classic',
  'Deluxe',
  'Eco',
  'Smart',
  'Pro',
  'Mini',
  'Ultra',
  'Rustic',
  'Sleek',
];
const NOUNS = [
  'Lamp',
  'Kettle',
  'Novel',
  'Drone',
  'Planter',
  'Puzzle',
  'Racket',
  'Jacket',
  'Coffee',
  'Speaker',
  'Desk',
];
const TIERS: Customer['tier'][] = ['standard', 'standard', 'silver', 'gold', 'platinum'];

export function seedCustomers(count = CUSTOMER_COUNT): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const first = FIRST[n % FIRST.length];
    const last = LAST[(n * 7) % LAST.length];
    return {
      id: customerId(n),
      name: `${first} ${last}`,
      email: `customer${String(n).padStart(4, '0')}@example.com`,
      tier: TIERS[n % TIERS.length],
    };
  });
}

export function seedProducts(count = PRODUCT_COUNT): Product[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const category = CATEGORIES[n % CATEGORIES.length];
    return {
      id: productId(n),
      name: `${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[(n * 3) % NOUNS.length]} ${n}`,
      priceCents: 499 + ((n * 7919) % 20_000),
      stock: stockOf(n, count),
      category,
    };
  });
}

function stockOf(n: number, count: number): number {
  if (n === count) return 0;
  if (n > count - 10) return LOW_STOCK;
  return DEFAULT_STOCK;
}
