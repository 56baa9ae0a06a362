import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBody } from '../src';

const request = (chunks: string[], headers: Record<string, string> = {}) =>
  Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    await expect(readBody(request(['{"a":', '1}']), 10)).resolves.toBe('{"a":1}');
  });

  it('refuses a declared length over the limit before reading', async () => {
    await expect(readBody(request(['x'], { 'content-length': '11' }), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses a streamed body that grows past the limit', async () => {
    await expect(readBody(request(['123456', '789012']), 10)).rejects.toThrow('Request body is larger than 10 bytes');
  });
});
