import './file-error-statuses.js';
import { finished } from 'node:stream/promises';
import { Controller, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CheckUploadQuotaQuery, createId, ErrorCode, RegisterStoredFileCommand, type AuthPrincipal } from '#contracts';
import { MessageBus } from '#messaging';
import { blobKeyForFile, BlobStore, type StoredBlob } from '#storage';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { FileInfoDto, toFileInfo } from './dto/file-info.dto.js';
import { FILES_GATEWAY_OPTIONS, type FilesGatewayOptions } from './files-gateway.options.js';
import { StreamedUpload } from './upload/streamed-upload.js';
import { interrupted, uploadFailure } from './upload/upload-errors.js';
import { readUploadSource } from './upload/upload-source.js';

@ApiTags('files')
@ApiCredentials()
@Controller('files')
export class FileUploadHttpController {
  private readonly logger = new Logger('FileUpload');

  constructor(
    private readonly bus: MessageBus,
    private readonly blobs: BlobStore,
    @Inject(FILES_GATEWAY_OPTIONS) private readonly options: FilesGatewayOptions,
  ) {}

  /**
   * Streams the body into the blob store (constant memory: one chunk at a time, hashed on the way),
   * then registers it with the storage service. A refused, too large or interrupted upload leaves
   * no blob and no row.
   */
  @Post()
  @StreamedUpload()
  @RequireScopes('files')
  @ResponseMessage('File uploaded')
  @ApiOperation({ summary: 'Upload a file: multipart/form-data (one file part) or the raw body with its Content-Type and X-File-Name' })
  @ApiConsumes('multipart/form-data', 'application/octet-stream', 'audio/wav', 'audio/mpeg')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'The file name of a raw-body upload (URI-encoded)' })
  @ApiEnvelopeResponse(FileInfoDto, { status: 201 })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.QUOTA_EXCEEDED,
    ErrorCode.UNAUTHENTICATED,
    ErrorCode.PERMISSION_DENIED,
  )
  async upload(@CurrentPrincipal() principal: AuthPrincipal, @Req() request: FastifyRequest): Promise<FileInfoDto> {
    const { maxUploadBytes } = this.options;
    await this.bus.query(CheckUploadQuotaQuery, { user_id: principal.userId });
    const source = await readUploadSource(request, maxUploadBytes);
    const fileId = createId('file');
    const key = blobKeyForFile(fileId);

    let stored: StoredBlob;
    try {
      stored = await this.blobs.put(key, source.stream, { maxBytes: maxUploadBytes, expectedBytes: source.expectedBytes });
      // A multipart body ends after its file part: the request must still arrive whole.
      await finished(request.raw).catch(() => {
        throw interrupted();
      });
    } catch (error) {
      await this.discard(key);
      throw uploadFailure(error, maxUploadBytes);
    }

    try {
      const view = await this.bus.send(RegisterStoredFileCommand, {
        file_id: fileId,
        owner_id: principal.userId,
        purpose: 'upload',
        filename: source.filename,
        content_type: source.contentType,
        size: stored.size,
        sha256: stored.sha256,
        blob_key: stored.key,
      });
      return toFileInfo(view);
    } catch (error) {
      await this.discard(key);
      throw error;
    }
  }

  private async discard(key: string): Promise<void> {
    await this.blobs.delete(key).catch((error: unknown) => this.logger.warn(`Could not remove the blob ${key}: ${String(error)}`));
  }
}
