import type { Database, Executor } from '@shop/db';
import { AdjustStockService } from './services/adjust-stock.service';
import { MovementReader } from './services/movement-reader.service';
import { ReservationService } from './services/reservation.service';
import { StockService } from './services/stock.service';
import { MovementStore } from './stores/movement.store';
import { ReservationStore } from './stores/reservation.store';
import { StockStore } from './stores/stock.store';

/**
 * Stores and services over one database. The subgraph wires them with its relay's `wake` as
 * `afterCommit`; the checkout saga (and tests) reach the reservation service the same way.
 */
export function createInventory(db: Database, afterCommit: () => void = () => {}) {
  const transact = async <T>(work: (tx: Executor) => Promise<T>): Promise<T> => {
    const result = await db.transaction(work);
    afterCommit();
    return result;
  };
  const stores = { stock: new StockStore(db), reservations: new ReservationStore(db), movements: new MovementStore(db) };
  return {
    stores,
    stock: new StockService(stores.stock),
    adjustments: new AdjustStockService(stores.stock, stores.movements, transact),
    movements: new MovementReader(stores.movements),
    reservations: new ReservationService(stores.stock, stores.reservations, stores.movements, transact),
  };
}

export type Inventory = ReturnType<typeof createInventory>;
