// product-service: list (by category) and read products; `POST /api/v1/products/reservations` is the
// internal call order-service uses to price an order and take stock (idempotent by reservationKey).
// Runs in: Node (replica).
import type { Page, ReservationResult } from '../store/catalogue-store.ts';
import type { Product } from '../seed.ts';
import { ApiError, centsToAmount, methodNotAllowed, notFound, ok, requireObject } from './http-kit.ts';
import { isToken, parseId, parsePaging } from './input-validation.ts';
import {
  type RequestContext,
  type ServiceDeps,
  type ServiceHandler,
  pathSegments,
} from './service-context.ts';
import { parseOrderItems } from './order-body.ts';

function toProductView(p: Product) {
  return { id: p.id, name: p.name, price: centsToAmount(p.priceCents), stock: p.stock, category: p.category };
}

export function createProductService(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    const segments = pathSegments(ctx.subPath);
    if (segments.length === 1 && segments[0] === 'reservations') {
      if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, '/api/v1/products/reservations');
      return reserve(ctx, deps);
    }
    if (segments.length > 1) throw notFound(`no product route ${ctx.subPath}`);
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, `/api/v1/products${ctx.subPath}`);
    if (segments.length === 0) {
      ctx.operation = 'product_list';
      const { limit, offset } = parsePaging(ctx.query);
      const rawCategory = ctx.query.get('category');
      const category = rawCategory ? parseId(rawCategory, 'category') : undefined;
      await deps.simulate('product_list');
      const page = await deps.store.call<Page<Product>>('list', category, limit, offset);
      return ok({ ...page, items: page.items.map(toProductView) });
    }
    ctx.operation = 'product_read';
    const id = parseId(segments[0], 'product id');
    await deps.simulate('product_read');
    const product = await deps.store.call<Product | null>('get', id);
    if (!product) throw notFound(`product ${id} does not exist`);
    return ok(toProductView(product));
  };
}

async function reserve(ctx: RequestContext, deps: ServiceDeps) {
  ctx.operation = 'product_reserve';
  const body = requireObject(await ctx.readBody());
  if (!isToken(body.reservationKey))
    throw new ApiError(400, 'VALIDATION_FAILED', 'reservationKey must be a plain token');
  const items = parseOrderItems(body.items);
  await deps.simulate('product_reserve');
  const result = await deps.store.call<ReservationResult>('reserve', body.reservationKey, items);
  if (!result.ok && result.reason === 'unknown_product') {
    throw new ApiError(400, 'UNKNOWN_PRODUCT', `product ${result.productId} does not exist`);
  }
  if (!result.ok) throw new ApiError(409, 'OUT_OF_STOCK', `product ${result.productId} has not enough stock`);
  const lines = result.lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    price: centsToAmount(l.priceCents),
  }));
  return ok({ lines, total: centsToAmount(result.totalCents) });
}
