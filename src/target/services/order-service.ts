// order-service: create and read orders. Creating one prices it and takes stock by calling
// product-service through the gateway (so product faults reach orders as in the mesh), then records the
// saga start in saga-tracker without waiting (a saga outage never fails an order). Customers are
// immutable seed data, so their ids are checked against the seeded range instead of another hop.
// Runs in: Node (replica).
import { randomUUID } from 'node:crypto';
import { customerNumber } from '../../vu/services.ts';
import type { Order } from '../store/order-store.ts';
import { ApiError, methodNotAllowed, notFound, ok, requireObject } from './http-kit.ts';
import { isToken, parseId } from './input-validation.ts';
import { collectItemProblems, type OrderItem } from './order-body.ts';
import {
  type RequestContext,
  type ServiceDeps,
  type ServiceHandler,
  pathSegments,
} from './service-context.ts';

interface Reservation {
  lines: Order['items'];
  total: number;
}

export function createOrderService(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    const segments = pathSegments(ctx.subPath);
    if (segments.length === 0) {
      if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, '/api/v1/orders');
      return createOrder(ctx, deps);
    }
    if (segments.length > 1) throw notFound(`no order route ${ctx.subPath}`);
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, `/api/v1/orders${ctx.subPath}`);
    ctx.operation = 'order_read';
    const id = parseId(segments[0], 'order id');
    await deps.simulate('order_read');
    const order = await deps.store.call<Order | null>('get', id);
    if (!order) throw notFound(`order ${id} does not exist`);
    return ok(order);
  };
}

async function createOrder(ctx: RequestContext, deps: ServiceDeps) {
  ctx.operation = 'order_create';
  const body = requireObject(await ctx.readBody());
  const problems = collectItemProblems(body.items);
  if (!isToken(body.customerId)) problems.unshift('customerId must be a customer id');
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', problems.join('; '));
  const customerId = body.customerId as string;
  if (!isSeededCustomer(customerId, deps.customerCount)) {
    throw new ApiError(400, 'UNKNOWN_CUSTOMER', `customer ${customerId} does not exist`);
  }
  await deps.simulate('order_create');
  const id = `o-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const sagaId = `s-${id.slice(2)}`;
  const reservation = await reserveStock(deps, id, body.items as OrderItem[]);
  const order: Order = {
    id,
    customerId,
    items: reservation.lines,
    total: reservation.total,
    status: 'PENDING',
    sagaId,
    createdAt: new Date().toISOString(),
  };
  await deps.store.call<Order>('create', order);
  void deps
    .callService('POST', `/api/v1/saga/${id}/events`, { sagaId, step: 'ORDER_CREATED', status: 'DONE' }, 2000)
    .catch(() => undefined);
  return ok(order, 201);
}

async function reserveStock(deps: ServiceDeps, orderId: string, items: OrderItem[]): Promise<Reservation> {
  let result: Awaited<ReturnType<ServiceDeps['callService']>>;
  try {
    result = await deps.callService('POST', '/api/v1/products/reservations', {
      reservationKey: orderId,
      items,
    });
  } catch (error) {
    throw new ApiError(
      503,
      'DEPENDENCY_UNAVAILABLE',
      `product-service unreachable: ${(error as Error).message}`,
    );
  }
  const body = result.body as {
    lines?: Order['items'];
    total?: number;
    error?: { code?: string; message?: string };
  };
  if (result.status === 200 && body?.lines && typeof body.total === 'number')
    return { lines: body.lines, total: body.total };
  if (result.status === 409 || result.status === 400) {
    throw new ApiError(
      result.status,
      body?.error?.code ?? 'REJECTED',
      body?.error?.message ?? 'reservation refused',
    );
  }
  throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `product-service answered ${result.status}`);
}

function isSeededCustomer(id: string, count: number): boolean {
  const n = customerNumber(id);
  return n !== undefined && n >= 1 && n <= count;
}
