import { Readable } from 'node:stream';
import { floatToInt16, int16ToFloat, int16ToLittleEndianBytes } from '#audio';
import { BlobNotFoundError, type BlobStore } from '#storage';
import type { ChunkStore } from './chunked-synthesis.js';

/** Chunk PCM in the shared blob store as signed 16-bit little-endian mono (half the size of float). */
export class BlobChunkStore implements ChunkStore {
  constructor(private readonly blobs: BlobStore) {}

  async put(key: string, samples: Float32Array): Promise<void> {
    await this.blobs.put(key, Readable.from([Buffer.from(int16ToLittleEndianBytes(floatToInt16(samples)))]));
  }

  async get(key: string): Promise<Float32Array | undefined> {
    let stream: Readable;
    try {
      stream = await this.blobs.get(key);
    } catch (error) {
      if (error instanceof BlobNotFoundError) return undefined;
      throw error;
    }
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    const bytes = Buffer.concat(parts);
    const samples = new Int16Array(bytes.length >> 1);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
    return int16ToFloat(samples);
  }

  delete(key: string): Promise<void> {
    return this.blobs.delete(key);
  }
}
