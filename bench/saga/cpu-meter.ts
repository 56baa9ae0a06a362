import { cpus } from 'node:os';
import { machineShare, sampleMachine } from '../router/machine';

export interface CpuPerOrder {
  /** CPU of this process (router, twelve subgraphs, consumers, relays, shoppers), ms per order. */
  shopMs: number;
  /** CPU of the whole machine (the shop, PostgreSQL, Kafka, everything else), ms per order. */
  machineMs: number;
  /** What the machine's cores give per second, in ms of CPU. */
  machineMsPerSecond: number;
}

/** Measures the CPU a phase costs: `start()` before it, `perOrder(orders)` after. */
export function cpuMeter() {
  const process0 = process.cpuUsage();
  const machine0 = sampleMachine([process.pid]);
  const wall0 = performance.now();
  return {
    perOrder(orders: number): CpuPerOrder | undefined {
      const wallMs = performance.now() - wall0;
      const used = process.cpuUsage(process0);
      const share = machineShare(machine0, sampleMachine([process.pid]));
      if (!share || orders === 0) return undefined;
      const cores = cpus().length;
      return { shopMs: (used.user + used.system) / 1000 / orders, machineMs: (share.busy * cores * wallMs) / orders, machineMsPerSecond: cores * 1000 };
    },
  };
}
