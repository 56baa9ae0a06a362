import type { Redis } from 'ioredis';

/**
 * Closes an ioredis connection. QUIT lets pending replies arrive first; when the server is
 * unreachable there is nothing to flush, so fall back to dropping the socket instead of hanging.
 */
export async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
