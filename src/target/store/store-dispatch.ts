// The per-service stores and the table of operations each service's replicas may call over IPC.
// A replica reaches only its own service's store, as a pod reaches only its own database.
// Runs in: Node (parent).
import type { ServiceName } from '../../vu/services.ts';
import { CustomerStore, ProductStore } from './catalogue-store.ts';
import { OrderStore, PaymentStore, SagaStore } from './order-store.ts';

type StoreOperation = (...args: never[]) => unknown;
export type StoreDispatch = (service: string, op: string, args: unknown[]) => unknown;

export function createStores() {
  const customers = new CustomerStore();
  const products = new ProductStore();
  const orders = new OrderStore();
  const payments = new PaymentStore();
  const sagas = new SagaStore();
  const table: Record<ServiceName, Record<string, StoreOperation>> = {
    'customer-service': { get: customers.get.bind(customers), list: customers.list.bind(customers) },
    'product-service': {
      get: products.get.bind(products),
      list: products.list.bind(products),
      reserve: products.reserve.bind(products),
    },
    'order-service': { create: orders.create.bind(orders), get: orders.get.bind(orders) },
    'payment-service': { charge: payments.charge.bind(payments) },
    // Recommendations read the product catalogue the way a read model would: same data, no writes.
    'recommendation-service': { recommend: products.recommend.bind(products) },
    'saga-tracker': { record: sagas.record.bind(sagas), get: sagas.get.bind(sagas) },
  };
  const dispatch: StoreDispatch = (service, op, args) => {
    const operations = table[service as ServiceName];
    const operation = operations && Object.hasOwn(operations, op) ? operations[op] : undefined;
    if (!operation) throw new Error(`store of ${service} has no operation ${op}`);
    return (operation as (...a: unknown[]) => unknown)(...args);
  };
  return { dispatch, customers, products, orders, payments, sagas };
}
