// saga-tracker: the state of each order's saga. `GET /api/v1/saga/{orderId}` for the scenarios;
// `POST /api/v1/saga/{orderId}/events` `{sagaId, step, status}` is how order and payment report steps.
// Runs in: Node (replica).
import type { Saga } from '../store/order-store.ts';
import { ApiError, methodNotAllowed, notFound, ok, requireObject } from './http-kit.ts';
import { isToken, parseId } from './input-validation.ts';
import { type ServiceDeps, type ServiceHandler, pathSegments } from './service-context.ts';

const STEP = /^[A-Z][A-Z_]{0,39}$/;

export function createSagaTracker(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    const segments = pathSegments(ctx.subPath);
    if (segments.length === 2 && segments[1] === 'events') {
      if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, `/api/v1/saga${ctx.subPath}`);
      ctx.operation = 'saga_record';
      const orderId = parseId(segments[0], 'order id');
      const body = requireObject(await ctx.readBody());
      const status = body.status ?? 'DONE';
      if (
        !isToken(body.sagaId) ||
        typeof body.step !== 'string' ||
        !STEP.test(body.step) ||
        (status !== 'DONE' && status !== 'FAILED')
      ) {
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          'expected {sagaId, step: UPPER_CASE, status?: DONE|FAILED}',
        );
      }
      await deps.simulate('saga_record');
      return ok(await deps.store.call<Saga>('record', orderId, body.sagaId, body.step, status), 201);
    }
    if (segments.length !== 1) throw notFound(`no saga route ${ctx.subPath}`);
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, `/api/v1/saga${ctx.subPath}`);
    ctx.operation = 'saga_status';
    const orderId = parseId(segments[0], 'order id');
    await deps.simulate('saga_status');
    const saga = await deps.store.call<Saga | null>('get', orderId);
    if (!saga) throw notFound(`no saga for order ${orderId}`);
    return ok(saga);
  };
}
