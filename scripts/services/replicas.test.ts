import { describe, expect, it } from 'vitest';
import { parseReplicas } from './replicas';

describe('parseReplicas', () => {
  it('gives every saga subgraph the count when only a number is given', () => {
    expect(parseReplicas('2')).toEqual({ orders: 2, inventory: 2, payments: 2, promotions: 2, tax: 2, shipping: 2, notifications: 2 });
  });
  it('reads name=count pairs', () => {
    expect(parseReplicas('orders=3,search=2')).toEqual({ orders: 3, search: 2 });
  });
  it('is empty without a value (one process each)', () => {
    expect(parseReplicas(undefined)).toEqual({});
  });
});
