export { inventoryModule, DEFAULT_RESERVATION_SWEEP_INTERVAL_MS, type InventoryConfig } from './subgraph';
export { createInventory, type Inventory } from './inventory';
export type { Reservation, ReservationResult } from './services/reservation.service';
export type { ReservationFailure, ReservationErrorCode } from './services/reservation-input';
