import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { createId, IdPrefix, RegisterStoredFileCommand } from '#contracts';
import type { PcmAudio } from '#audio';
import { MessageBus } from '#messaging';
import { blobKeyForFile, BlobStore, SignedUrlSigner } from '#storage';
import type { StreamAudioFormat } from './stream-audio-formats.js';

/** Lifetime of a streamed synthesis' signed audio_url: the synthesis service's default for the sync path. */
export const STREAMED_AUDIO_URL_TTL_SECONDS = 3600;

export interface StoredStreamAudio {
  fileId: string;
  /** Signed path, `/api/v1/files/<id>?expires=…&signature=…`. */
  audioUrl: string;
}

/**
 * Keeps the whole audio of a finished stream as the user's synthesis_output file, as the sync path
 * does: the bytes into the files module's blob store, the metadata registered with the storage
 * service (the blob is removed again when that fails), a signed URL to play it without credentials.
 */
@Injectable()
export class StreamedAudioStore {
  private blobs?: BlobStore;
  private signer?: SignedUrlSigner;

  constructor(
    private readonly bus: MessageBus,
    private readonly moduleRef: ModuleRef,
  ) {}

  async store(userId: string, synthesisId: string, audio: PcmAudio, format: StreamAudioFormat): Promise<StoredStreamAudio> {
    this.blobs ??= this.moduleRef.get(BlobStore, { strict: false });
    this.signer ??= this.moduleRef.get(SignedUrlSigner, { strict: false });
    const bytes = format.encodeFile(audio);
    const fileId = createId(IdPrefix.file);
    const key = blobKeyForFile(fileId);
    const stored = await this.blobs.put(key, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
    try {
      await this.bus.send(RegisterStoredFileCommand, {
        file_id: fileId,
        owner_id: userId,
        purpose: 'synthesis_output',
        filename: `${synthesisId}.${format.extension}`,
        content_type: format.contentType,
        size: stored.size,
        sha256: stored.sha256,
        blob_key: key,
        duration: audio.samples.length / audio.sampleRate,
      });
    } catch (error) {
      await this.blobs.delete(key).catch(() => undefined);
      throw error;
    }
    return { fileId, audioUrl: this.signer.sign(fileId, STREAMED_AUDIO_URL_TTL_SECONDS).path };
  }
}
