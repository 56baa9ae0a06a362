import { cpus } from 'node:os';
import { machineShare, sampleMachine } from '../router/machine';

export interface CpuPerOrder {
  /** CPU of the shop's processes (router, subgraphs, consumers, relays, and this driver's shoppers), ms per order. */
  shopMs: number;
  /** CPU of the whole machine (the shop, PostgreSQL, Kafka, everything else), ms per order. */
  machineMs: number;
  /** What the machine's cores give per second, in ms of CPU. */
  machineMsPerSecond: number;
}

/** Measures the CPU a phase costs: create it before the phase, `perOrder(orders)` after. */
export function cpuMeter(pids: number[]) {
  const machine0 = sampleMachine(pids);
  const wall0 = performance.now();
  return {
    perOrder(orders: number): CpuPerOrder | undefined {
      const wallMs = performance.now() - wall0;
      const share = machineShare(machine0, sampleMachine(pids));
      if (!share || orders === 0) return undefined;
      const cores = cpus().length;
      const perOrder = (fraction: number) => (fraction * cores * wallMs) / orders;
      return { shopMs: perOrder(share.busy - share.foreign), machineMs: perOrder(share.busy), machineMsPerSecond: cores * 1000 };
    },
  };
}
