// Which handler serves which service name. Runs in: Node (replica).
import { createCustomerService } from './customer-service.ts';
import { createOrderService } from './order-service.ts';
import { createPaymentService } from './payment-service.ts';
import { createProductService } from './product-service.ts';
import { createRecommendationService } from './recommendation-service.ts';
import { createSagaTracker } from './saga-tracker.ts';
import type { ServiceDeps, ServiceHandler } from './service-context.ts';

const FACTORIES: Record<string, (deps: ServiceDeps) => ServiceHandler> = {
  'customer-service': createCustomerService,
  'order-service': createOrderService,
  'product-service': createProductService,
  'payment-service': createPaymentService,
  'recommendation-service': createRecommendationService,
  'saga-tracker': createSagaTracker,
};

export function createServiceHandler(service: string, deps: ServiceDeps): ServiceHandler {
  const factory = FACTORIES[service];
  if (!factory) throw new Error(`unknown service ${service}`);
  return factory(deps);
}
