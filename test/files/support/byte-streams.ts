import { createHash, randomBytes } from 'node:crypto';

/**
 * `total` bytes as a web stream, built from one random 1 MiB block varied per chunk (cheap to make,
 * never held whole), with the SHA-256 of what was produced.
 */
export function generatedBody(total: number): { body: ReadableStream<Uint8Array>; sha256: () => string } {
  const block = randomBytes(1024 * 1024);
  const hash = createHash('sha256');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const size = Math.min(64 * 1024, total - sent);
      const chunk = Buffer.from(block.subarray(sent % block.length, (sent % block.length) + size));
      chunk.writeUInt32BE(sent >>> 0, 0);
      sent += size;
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
  return { body, sha256: () => hash.digest('hex') };
}

/** Reads a response body to its end, hashing it without keeping it. */
export async function hashOf(body: ReadableStream<Uint8Array> | null): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  if (body) {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.length;
    }
  }
  return { size, sha256: hash.digest('hex') };
}
