// Validation of the order body (`{customerId, items:[{productId, quantity}]}`), shared by order-service
// and product-service's reservation call. Collects every problem into one 400. Runs in: Node (replica).
import { ApiError } from './http-kit.ts';
import { isToken } from './input-validation.ts';

export interface OrderItem {
  productId: string;
  quantity: number;
}

const MAX_ITEMS = 50;
const MAX_QUANTITY = 1000;

export function parseOrderItems(raw: unknown): OrderItem[] {
  const problems = collectItemProblems(raw);
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', problems.join('; '));
  return (raw as OrderItem[]).map((i) => ({ productId: i.productId, quantity: i.quantity }));
}

export function collectItemProblems(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_ITEMS) {
    return [`items must be an array of 1..${MAX_ITEMS} entries`];
  }
  const problems: string[] = [];
  raw.forEach((item, index) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`items[${index}] must be an object`);
      return;
    }
    if (!isToken(entry.productId)) problems.push(`items[${index}].productId must be a product id`);
    const q = entry.quantity;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > MAX_QUANTITY) {
      problems.push(`items[${index}].quantity must be an integer in 1..${MAX_QUANTITY}`);
    }
  });
  return problems;
}
