// Orders, payments and sagas, one store each per service (held by the supervisor). The payment store
// makes the Idempotency-Key rule atomic: a key or an order is charged at most once within the stores'
// retention (STORE_RETENTION most recent records each). Runs in: Node (parent).
import { BoundedMap } from './bounded-map.ts';

interface OrderLine {
  productId: string;
  quantity: number;
  price: number;
}
export interface Order {
  id: string;
  customerId: string;
  items: OrderLine[];
  total: number;
  status: 'PENDING' | 'PAID';
  sagaId: string;
  createdAt: string;
}

export class OrderStore {
  readonly #byId = new BoundedMap<string, Order>();
  create(order: Order): Order {
    this.#byId.set(order.id, order);
    return order;
  }
  get(id: string): Order | null {
    return this.#byId.get(id) ?? null;
  }
}

export interface Payment {
  id: string;
  orderId: string;
  amount: number;
  method: string;
  status: 'COMPLETED';
  createdAt: string;
}
export type ChargeResult =
  | { outcome: 'created' | 'replayed'; payment: Payment }
  | { outcome: 'key_reused' | 'already_paid'; payment: Payment };

export class PaymentStore {
  readonly #byKey = new BoundedMap<string, Payment>();
  readonly #byOrder = new BoundedMap<string, Payment>();
  /** Charge once per key and per order; `candidate` is used only when nothing was charged yet. */
  charge(key: string, candidate: Payment): ChargeResult {
    const byKey = this.#byKey.get(key);
    if (byKey) {
      const same = byKey.orderId === candidate.orderId && byKey.amount === candidate.amount;
      return { outcome: same ? 'replayed' : 'key_reused', payment: byKey };
    }
    const byOrder = this.#byOrder.get(candidate.orderId);
    if (byOrder) return { outcome: 'already_paid', payment: byOrder };
    this.#byKey.set(key, candidate);
    this.#byOrder.set(candidate.orderId, candidate);
    return { outcome: 'created', payment: candidate };
  }
}

interface SagaStep {
  name: string;
  status: 'DONE' | 'FAILED';
  at: string;
}
export interface Saga {
  sagaId: string;
  orderId: string;
  state: 'STARTED' | 'COMPLETED' | 'FAILED';
  steps: SagaStep[];
}

/** Steps after which a saga counts as finished. */
const FINAL_STEP = 'PAYMENT_COMPLETED';

export class SagaStore {
  readonly #byOrder = new BoundedMap<string, Saga>();
  record(orderId: string, sagaId: string, step: string, status: SagaStep['status']): Saga {
    let saga = this.#byOrder.get(orderId);
    if (!saga) {
      saga = { sagaId, orderId, state: 'STARTED', steps: [] };
      this.#byOrder.set(orderId, saga);
    }
    if (!saga.steps.some((s) => s.name === step))
      saga.steps.push({ name: step, status, at: new Date().toISOString() });
    if (status === 'FAILED') saga.state = 'FAILED';
    else if (step === FINAL_STEP && saga.state === 'STARTED') saga.state = 'COMPLETED';
    return saga;
  }
  get(orderId: string): Saga | null {
    return this.#byOrder.get(orderId) ?? null;
  }
}
