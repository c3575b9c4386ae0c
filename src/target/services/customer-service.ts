// customer-service: list and read the seeded customers. Runs in: Node (replica).
import type { Page } from '../store/catalogue-store.ts';
import type { Customer } from '../seed.ts';
import { methodNotAllowed, notFound, ok } from './http-kit.ts';
import { parseId, parsePaging } from './input-validation.ts';
import { type ServiceDeps, type ServiceHandler, pathSegments } from './service-context.ts';

export function createCustomerService(deps: ServiceDeps): ServiceHandler {
  return async (ctx) => {
    const segments = pathSegments(ctx.subPath);
    if (segments.length > 1) throw notFound(`no customer route ${ctx.subPath}`);
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, `/api/v1/customers${ctx.subPath}`);
    if (segments.length === 0) {
      ctx.operation = 'customer_list';
      const { limit, offset } = parsePaging(ctx.query);
      await deps.simulate('customer_list');
      return ok(await deps.store.call<Page<Customer>>('list', limit, offset));
    }
    ctx.operation = 'customer_read';
    const id = parseId(segments[0], 'customer id');
    await deps.simulate('customer_read');
    const customer = await deps.store.call<Customer | null>('get', id);
    if (!customer) throw notFound(`customer ${id} does not exist`);
    return ok(customer);
  };
}
