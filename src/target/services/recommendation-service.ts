// recommendation-service: product ids for a customer (`?customerId=`), deterministic per customer and
// limited to products in stock. Runs in: Node (replica).
import { customerNumber } from '../../vu/services.ts';
import { ApiError, methodNotAllowed, notFound, ok } from './http-kit.ts';
import { parseId, parsePaging } from './input-validation.ts';
import { type ServiceDeps, type ServiceHandler, pathSegments } from './service-context.ts';

export function createRecommendationService(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    if (pathSegments(ctx.subPath).length > 0) throw notFound(`no recommendation route ${ctx.subPath}`);
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, '/api/v1/recommendations');
    ctx.operation = 'recommendations';
    const raw = ctx.query.get('customerId');
    if (!raw) throw new ApiError(400, 'VALIDATION_FAILED', 'query parameter customerId is required');
    const customerId = parseId(raw, 'customerId');
    const n = customerNumber(customerId) ?? 0;
    if (n < 1 || n > deps.customerCount) throw notFound(`customer ${customerId} does not exist`);
    const { limit } = parsePaging(ctx.query, 5, 20);
    await deps.simulate('recommendations');
    const items = await deps.store.call<string[]>('recommend', n, limit);
    return ok({ customerId, items });
  };
}
