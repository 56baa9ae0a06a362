import { transactor, type Database, type Executor } from '@shop/db';
import { createLogger, type Logger } from '@shop/subgraph-kit';
import { AdjustStockService } from './services/adjust-stock.service';
import { MovementReader } from './services/movement-reader.service';
import { OrderStockService } from './services/order-stock.service';
import { ReservationService } from './services/reservation.service';
import { StockService } from './services/stock.service';
import { MovementStore } from './stores/movement.store';
import { ReservationStore } from './stores/reservation.store';
import { StockStore } from './stores/stock.store';

/** A checkout hold lasts 15 minutes unless configured otherwise. */
export const DEFAULT_RESERVATION_TTL_SECONDS = 15 * 60;

export interface InventoryOptions {
  /** How long a saga reservation holds its units. @default 900 */
  reservationTtlSeconds?: number;
  /** Where the saga reports what it cannot fix (a confirmed order without a live hold). */
  logger?: Logger;
}

/** Reservations working inside `tx`: their own transactions become savepoints of it. */
function reservationsIn(tx: Executor): ReservationService {
  const stores = { stock: new StockStore(tx), reservations: new ReservationStore(tx), movements: new MovementStore(tx) };
  return new ReservationService(stores.stock, stores.reservations, stores.movements, transactor(tx));
}

/**
 * Stores and services over one database. The subgraph wires them with its relay's `wake` as
 * `afterCommit`; the checkout saga consumer uses `saga`, tests reach everything the same way.
 */
export function createInventory(db: Database, afterCommit: () => void = () => {}, options: InventoryOptions = {}) {
  const transact = transactor(db, afterCommit);
  const stores = { stock: new StockStore(db), reservations: new ReservationStore(db), movements: new MovementStore(db) };
  const saga = new OrderStockService({
    reservationsIn,
    reservationTtlSeconds: options.reservationTtlSeconds ?? DEFAULT_RESERVATION_TTL_SECONDS,
    logger: options.logger ?? createLogger('inventory', 'silent'),
  });
  return {
    stores,
    stock: new StockService(stores.stock),
    adjustments: new AdjustStockService(stores.stock, stores.movements, transact),
    movements: new MovementReader(stores.movements),
    reservations: new ReservationService(stores.stock, stores.reservations, stores.movements, transact),
    saga,
  };
}

export type Inventory = ReturnType<typeof createInventory>;
