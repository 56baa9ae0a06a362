import { describe, expect, it } from 'vitest';
import { DateTimeResolver } from 'graphql-scalars';
import { mergeResolvers } from './merge-resolvers';

const cart = () => 'cart';
const order = () => 'order';
const placeOrder = () => 'placed';

describe('mergeResolvers', () => {
  it('merges the fields of one type from several parts', () => {
    const merged = mergeResolvers<Record<string, object>>({ Query: { cart } }, { Query: { order }, Mutation: { placeOrder } });
    expect(merged).toEqual({ Query: { cart, order }, Mutation: { placeOrder } });
  });

  it('keeps a scalar as the scalar itself', () => {
    const merged = mergeResolvers<Record<string, object>>({ DateTime: DateTimeResolver }, { Query: { cart } });
    expect(merged['DateTime']).toBe(DateTimeResolver);
  });

  it('throws on a field two parts define', () => {
    expect(() => mergeResolvers<Record<string, object>>({ Query: { cart } }, { Query: { cart: order } })).toThrow(
      'Resolver Query.cart is defined by two parts',
    );
  });

  it('throws on a scalar two parts define', () => {
    expect(() => mergeResolvers<Record<string, object>>({ DateTime: DateTimeResolver }, { DateTime: DateTimeResolver })).toThrow(
      'Resolvers for DateTime are defined by two parts',
    );
  });

  it('leaves the parts untouched', () => {
    const first = { Query: { cart } };
    mergeResolvers<Record<string, object>>(first, { Query: { order } });
    expect(first).toEqual({ Query: { cart } });
  });
});
