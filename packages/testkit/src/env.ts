import { z } from 'zod';
import { selectSqlBackends } from './backends';

/**
 * Where the real test servers are. Defaults match scripts/servers/up.sh; set these variables to
 * point the suite at servers of your own (up.sh then leaves that server alone).
 */
const schema = z.object({
  TEST_POSTGRES_URL: z.string().default('postgres://shop:shop@127.0.0.1:54329/shop_test'),
  TEST_REDIS_URL: z.string().default('redis://127.0.0.1:63799'),
  TEST_KAFKA_BROKERS: z.string().default('127.0.0.1:19092'),
  TEST_MONGO_URL: z.string().default('mongodb://127.0.0.1:27117/'),
  /** Mailpit's SMTP listener, and its HTTP API where tests read what arrived. */
  TEST_SMTP_URL: z.string().default('smtp://127.0.0.1:10251'),
  TEST_MAILPIT_API: z.string().default('http://127.0.0.1:18251'),
});

export const testServers = schema.parse(process.env);

/** The SQL backends the suites run on (`TEST_BACKENDS`, see `selectSqlBackends`). */
export const sqlBackends = selectSqlBackends(process.env);
