import { describe, expect, it } from 'vitest';
import { ProductStore } from '../../../src/target/store/catalogue-store.ts';
import { PaymentStore, type Payment, SagaStore } from '../../../src/target/store/order-store.ts';
import { createStores } from '../../../src/target/store/store-dispatch.ts';

const payment = (id: string, orderId: string, amount: number): Payment => ({
  id,
  orderId,
  amount,
  method: 'card',
  status: 'COMPLETED',
  createdAt: '',
});

describe('stores', () => {
  it('reserves stock all-or-nothing and idempotently per key', () => {
    const products = new ProductStore();
    const before = products.get('p-0001')!.stock;
    const first = products.reserve('o-1', [{ productId: 'p-0001', quantity: 2 }]);
    const again = products.reserve('o-1', [{ productId: 'p-0001', quantity: 2 }]);
    expect(first).toEqual(again);
    expect(products.get('p-0001')!.stock).toBe(before - 2);
    const refused = products.reserve('o-2', [
      { productId: 'p-0002', quantity: 1 },
      { productId: 'p-0500', quantity: 1 },
    ]);
    expect(refused).toEqual({ ok: false, reason: 'out_of_stock', productId: 'p-0500' });
    expect(products.get('p-0002')!.stock).toBe(1_000_000);
    expect(products.reserve('o-3', [{ productId: 'p-9999', quantity: 1 }])).toMatchObject({
      ok: false,
      reason: 'unknown_product',
    });
  });

  it('sums repeated lines of one product against its stock', () => {
    const products = new ProductStore();
    const result = products.reserve('o-1', [
      { productId: 'p-0495', quantity: 6 },
      { productId: 'p-0495', quantity: 5 },
    ]);
    expect(result).toMatchObject({ ok: false, reason: 'out_of_stock' });
  });

  it('charges a key once and an order once', () => {
    const payments = new PaymentStore();
    expect(payments.charge('k1', payment('pay-1', 'o-1', 10)).outcome).toBe('created');
    const replay = payments.charge('k1', payment('pay-2', 'o-1', 10));
    expect(replay).toEqual({ outcome: 'replayed', payment: payment('pay-1', 'o-1', 10) });
    expect(payments.charge('k1', payment('pay-3', 'o-2', 10)).outcome).toBe('key_reused');
    expect(payments.charge('k2', payment('pay-4', 'o-1', 10)).outcome).toBe('already_paid');
  });

  it('completes a saga when the payment step arrives', () => {
    const sagas = new SagaStore();
    sagas.record('o-1', 's-1', 'ORDER_CREATED', 'DONE');
    expect(sagas.get('o-1')?.state).toBe('STARTED');
    sagas.record('o-1', 's-1', 'PAYMENT_COMPLETED', 'DONE');
    expect(sagas.get('o-1')).toMatchObject({
      state: 'COMPLETED',
      steps: [{ name: 'ORDER_CREATED' }, { name: 'PAYMENT_COMPLETED' }],
    });
  });

  it('lets a service reach only its own store operations', () => {
    const { dispatch } = createStores();
    expect(dispatch('customer-service', 'get', ['c-0001'])).toMatchObject({ id: 'c-0001' });
    expect(() => dispatch('customer-service', 'reserve', ['k', []])).toThrow(/no operation/);
    expect(() => dispatch('customer-service', 'constructor', [])).toThrow(/no operation/);
    expect(() => dispatch('unknown-service', 'get', [])).toThrow(/no operation/);
  });
});
