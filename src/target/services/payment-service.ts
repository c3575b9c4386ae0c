// payment-service: charge an order once. The order is looked up through the gateway as
// payment-service (so order↔payment network faults apply); the amount must equal the order total; the
// Idempotency-Key makes a repeated request return the first payment (200) instead of charging again.
// Runs in: Node (replica).
import { randomUUID } from 'node:crypto';
import type { ChargeResult, Order, Payment } from '../store/order-store.ts';
import { ApiError, methodNotAllowed, notFound, ok, requireObject } from './http-kit.ts';
import { isToken, parseIdempotencyKey } from './input-validation.ts';
import {
  type RequestContext,
  type ServiceDeps,
  type ServiceHandler,
  pathSegments,
} from './service-context.ts';

const PAYMENT_METHODS = ['card', 'paypal', 'bank_transfer', 'wallet'] as const;

export function createPaymentService(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    if (pathSegments(ctx.subPath).length > 0) throw notFound(`no payment route ${ctx.subPath}`);
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, '/api/v1/payments');
    return pay(ctx, deps);
  };
}

async function pay(ctx: RequestContext, deps: ServiceDeps) {
  ctx.operation = 'payment';
  const key = parseIdempotencyKey(ctx.headers['idempotency-key']) ?? `auto-${randomUUID()}`;
  const body = requireObject(await ctx.readBody());
  const problems: string[] = [];
  if (!isToken(body.orderId)) problems.push('orderId must be an order id');
  if (typeof body.amount !== 'number' || !Number.isFinite(body.amount) || body.amount <= 0)
    problems.push('amount must be a positive number');
  if (!PAYMENT_METHODS.includes(body.method as (typeof PAYMENT_METHODS)[number])) {
    problems.push(`method must be one of ${PAYMENT_METHODS.join(', ')}`);
  }
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', problems.join('; '));
  const order = await fetchOrder(deps, body.orderId as string);
  const amount = body.amount as number;
  if (Math.abs(order.total - amount) > 0.005) {
    throw new ApiError(
      400,
      'AMOUNT_MISMATCH',
      `amount ${amount} does not equal the order total ${order.total}`,
    );
  }
  await deps.simulate('payment');
  const candidate: Payment = {
    id: `pay-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    orderId: order.id,
    amount,
    method: body.method as string,
    status: 'COMPLETED',
    createdAt: new Date().toISOString(),
  };
  const result = await deps.store.call<ChargeResult>('charge', key, candidate);
  if (result.outcome === 'key_reused') {
    throw new ApiError(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was used for a different payment',
    );
  }
  if (result.outcome === 'already_paid')
    throw new ApiError(409, 'ORDER_ALREADY_PAID', `order ${order.id} is already paid`);
  if (result.outcome === 'created') {
    void deps
      .callService(
        'POST',
        `/api/v1/saga/${order.id}/events`,
        { sagaId: order.sagaId, step: 'PAYMENT_COMPLETED', status: 'DONE' },
        2000,
      )
      .catch(() => undefined);
  }
  return ok(result.payment, result.outcome === 'created' ? 201 : 200);
}

async function fetchOrder(deps: ServiceDeps, orderId: string): Promise<Order> {
  let result: Awaited<ReturnType<ServiceDeps['callService']>>;
  try {
    result = await deps.callService('GET', `/api/v1/orders/${encodeURIComponent(orderId)}`);
  } catch (error) {
    throw new ApiError(
      503,
      'DEPENDENCY_UNAVAILABLE',
      `order-service unreachable: ${(error as Error).message}`,
    );
  }
  if (result.status === 404) throw notFound(`order ${orderId} does not exist`);
  const order = result.body as Order | undefined;
  if (result.status !== 200 || typeof order?.total !== 'number') {
    throw new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `order-service answered ${result.status}`);
  }
  return order;
}
