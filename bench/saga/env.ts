import { z } from 'zod';

/** Every setting of the saga benchmark: the only file of it that reads the environment. */
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const sagaBenchEnv = z
  .object({
    /** Orders per second offered in the fixed-rate phase (issue 16's p99 aim is at 25/s). */
    BENCH_SAGA_RATE: positive(25),
    /** A rate the machine sustains, for the saga's own latency without queueing. */
    BENCH_SAGA_LOW_RATE: positive(4),
    /** Seconds of each fixed-rate phase. */
    BENCH_SAGA_DURATION: positive(10),
    /** Orders placed as fast as the shoppers can in the saturation phase. */
    BENCH_SAGA_SATURATION_ORDERS: positive(600),
    /**
     * Orders of the `saga alone` phase: placed from carts filled before it starts (one registered
     * customer each), so its CPU, statements and deliveries are the saga's without cart building.
     */
    BENCH_SAGA_ALONE_ORDERS: positive(192),
    /** Registered customers placing orders side by side (each has one cart at a time). */
    BENCH_SAGA_SHOPPERS: positive(64),
    /** Orders per phase of `npm run bench:saga:counts` (one at a time, then all at once). */
    BENCH_COUNTS_ORDERS: positive(20),
    /** bench:saga:timeline: 0 places its orders one at a time; n > 0 places them at n a second and shows the three slowest. */
    BENCH_TIMELINE_RATE: z.coerce.number().int().min(0).max(1000).default(0),
    /** `1`: bench:saga:counts also lists the statements of its one-at-a-time phase, most frequent first. */
    BENCH_COUNTS_SQL: z
      .enum(['0', '1'])
      .default('0')
      .transform((value) => value === '1'),
    /**
     * Which shops to measure, in this order: `kafka` and `local` (one process, events over Kafka or
     * in-process), `processes` and `processes-x2` (`npm run start:services`, one or two replicas of each saga subgraph).
     */
    BENCH_SAGA_TRANSPORTS: z
      .string()
      .regex(/^(kafka|local|processes|processes-x2)(,(kafka|local|processes|processes-x2))*$/)
      .default('kafka,local,processes,processes-x2'),
  })
  .parse(process.env);
