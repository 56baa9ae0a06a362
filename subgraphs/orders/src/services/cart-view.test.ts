import { describe, expect, it } from 'vitest';
import type { CartLineRecord } from '../stores/cart-item.store';
import { cartCurrency, itemCount, subtotal, type CartView } from './cart-view';

const line = (priceAmount: number, quantity: number, priceCurrency = 'EUR'): CartLineRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  cartId: '00000000-0000-4000-8000-000000000002',
  productId: 'p',
  variantId: 'p',
  sku: 'MUG',
  optionValues: [],
  categoryId: 'c',
  productName: 'Mug',
  published: true,
  quantity,
  priceAmount,
  priceCurrency,
});
const cart = (lines: CartLineRecord[], currency: string | null = 'EUR'): CartView => ({
  id: '00000000-0000-4000-8000-000000000002',
  userId: '00000000-0000-4000-8000-000000000003',
  guestKey: null,
  currency,
  couponCode: null,
  shippingAddress: null,
  shippingMethodId: null,
  shippingMethodNotice: null,
  updatedAt: new Date(0),
  lines,
});

describe('cart totals', () => {
  it('sums in integer minor units', () => {
    expect(subtotal(cart([line(1999, 3), line(1, 99), line(333, 7)]))).toEqual({ amount: 5997 + 99 + 2331, currency: 'EUR' });
    expect(itemCount(cart([line(1999, 3), line(1, 99)]))).toBe(102);
  });

  it('has no currency and no subtotal while empty', () => {
    expect(cartCurrency(cart([]))).toBeNull();
    expect(subtotal(cart([]))).toBeNull();
  });

  it('leaves out a line repriced into another currency', () => {
    expect(subtotal(cart([line(100, 2), line(500, 1, 'USD')]))).toEqual({ amount: 200, currency: 'EUR' });
  });
});
