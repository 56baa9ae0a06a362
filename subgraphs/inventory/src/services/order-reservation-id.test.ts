import { describe, expect, it } from 'vitest';
import { reservationIdFor } from './order-reservation-id';

describe('reservationIdFor', () => {
  it('is the RFC 9562 version 5 UUID of the order id in the saga namespace (values from Python uuid.uuid5)', () => {
    expect(reservationIdFor('order-1')).toBe('1a53bd6b-162b-5a00-8112-c413d6f7c415');
    expect(reservationIdFor('bestellung-ü')).toBe('5b813907-d2ec-5b82-a583-edab3c2e9cbb');
  });

  it('gives each order its own id', () => {
    expect(reservationIdFor('order-2')).not.toBe(reservationIdFor('order-1'));
  });
});
