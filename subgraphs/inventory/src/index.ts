export { inventoryModule, DEFAULT_RESERVATION_SWEEP_INTERVAL_MS, type InventoryConfig } from './subgraph';
export { createInventory, DEFAULT_RESERVATION_TTL_SECONDS, type Inventory, type InventoryOptions } from './inventory';
export { ORDER_SAGA_GROUP, orderSagaHandler } from './events/order-saga.consumer';
export { reservationIdFor } from './services/order-reservation-id';
export type { CancelResult, Reservation, ReservationResult } from './services/reservation.service';
export type { ReservationFailure, ReservationErrorCode } from './services/reservation-input';
