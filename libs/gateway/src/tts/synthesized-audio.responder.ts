import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SynthesisResultView } from '#contracts';
import type { DownloadQueryDto } from '../files/dto/signed-url.dto.js';
import { FilesHttpController } from '../files/files.http.controller.js';

/**
 * Answers a synthesis with its audio bytes by handing the stored file to the files download route
 * (blob store stream, Content-Type, Content-Length, ETag, Range), authorised by the result's own
 * signed URL so that a `tts`-only API key needs no `files` scope.
 */
@Injectable()
export class SynthesizedAudioResponder {
  private files?: FilesHttpController;

  constructor(private readonly moduleRef: ModuleRef) {}

  send(result: SynthesisResultView, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    this.files ??= this.moduleRef.get(FilesHttpController, { strict: false });
    const signed = new URL(result.audio_url, 'http://signed.invalid').searchParams;
    const query: DownloadQueryDto = {
      expires: signed.get('expires') ?? undefined,
      signature: signed.get('signature') ?? undefined,
    };
    return this.files.download(result.file_id, query, request, reply);
  }
}
