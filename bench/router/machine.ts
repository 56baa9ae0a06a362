/**
 * Whole-machine CPU from /proc (Linux), to tell how much of the machine the benchmark's own
 * processes had while a target was measured: other work on a shared 2-core box (a test run next
 * door) shows up as "foreign" CPU and makes that row's req/s unreliable.
 */
import { readFileSync } from 'node:fs';

export interface MachineSample {
  /** Busy CPU time of the whole machine, all cores, in clock ticks. */
  busyTicks: number;
  totalTicks: number;
  /** pid -> user + system ticks. */
  processTicks: Map<number, number>;
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export function sampleMachine(pids: number[]): MachineSample | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    const busy = user + nice + system + irq + softirq + steal;
    return { busyTicks: busy, totalTicks: busy + idle + iowait, processTicks: new Map(pids.map((pid) => [pid, processTicks(pid)])) };
  } catch {
    return undefined;
  }
}

export interface MachineShare {
  /** Share of all cores that was busy, 0..1. */
  busy: number;
  /** Share of all cores used by processes other than `pids`, 0..1. */
  foreign: number;
}

export function machineShare(before: MachineSample | undefined, after: MachineSample | undefined): MachineShare | undefined {
  if (!before || !after) return undefined;
  const total = after.totalTicks - before.totalTicks;
  if (total <= 0) return undefined;
  let ours = 0;
  for (const [pid, ticks] of after.processTicks) ours += ticks - (before.processTicks.get(pid) ?? ticks);
  const busy = after.busyTicks - before.busyTicks;
  return { busy: busy / total, foreign: Math.max(0, busy - ours) / total };
}

/**
 * Waits (bounded) for a second in which other processes use little of the machine, so a test run
 * next door does not land in the middle of a measurement. Returns the last foreign share seen.
 */
export async function waitForQuiet(pids: number[], maxForeign = 0.1, timeoutMs = 15_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = sampleMachine(pids);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const share = machineShare(before, sampleMachine(pids));
    if (!share || share.foreign <= maxForeign || Date.now() > deadline) return share?.foreign;
  }
}
