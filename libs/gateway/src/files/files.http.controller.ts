import './file-error-statuses.js';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApplicationError,
  DeleteStoredFileCommand,
  ErrorCode,
  GetStoredFileQuery,
  ListStoredFilesQuery,
  StorageErrorCode,
  type AuthPrincipal,
  type FileAccess,
  type PageView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { BlobNotFoundError, BlobStore, SignedUrlSigner } from '#storage';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RawResponse, ResponseMessage } from '../envelope/envelope-route-config.js';
import { PublicRoute } from '../routing/public-route.decorator.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { parseRange } from './download/byte-range.js';
import { contentDispositionHeader, dispositionFor } from './download/content-disposition.js';
import { entityTagOf, matchesIfNoneMatch } from './download/entity-tag.js';
import { FileInfoDto, toFileInfo } from './dto/file-info.dto.js';
import { ListFilesQueryDto } from './dto/list-files.query.dto.js';
import { CreateSignedUrlDto, DownloadQueryDto, SignedUrlDto } from './dto/signed-url.dto.js';
import { FileAccessResolver } from './file-access.resolver.js';
import { FILES_GATEWAY_OPTIONS, type FilesGatewayOptions } from './files-gateway.options.js';

const DEFAULT_SIGNED_URL_TTL_SECONDS = 3600;
const FILE_ID_PARAM = { name: 'file_id', example: 'file_4f9k2m8q1x7c3v5b0n6z' };
const CREDENTIAL_ERRORS = [ErrorCode.UNAUTHENTICATED, ErrorCode.PERMISSION_DENIED, ErrorCode.RATE_LIMITED];

@ApiTags('files')
@ApiCredentials()
@Controller('files')
export class FilesHttpController {
  constructor(
    private readonly bus: MessageBus,
    private readonly blobs: BlobStore,
    private readonly signer: SignedUrlSigner,
    private readonly access: FileAccessResolver,
    @Inject(FILES_GATEWAY_OPTIONS) private readonly options: FilesGatewayOptions,
  ) {}

  @Get()
  @RequireScopes('files')
  @ApiOperation({ summary: "The caller's files, newest first" })
  @ApiPaginatedEnvelopeResponse(FileInfoDto, { itemsKey: 'files' })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS)
  async list(
    @Query() query: ListFilesQueryDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<{ files: FileInfoDto[]; pagination: PageView }> {
    const page = await this.bus.query(ListStoredFilesQuery, {
      owner_id: principal.userId,
      page: query.page,
      page_size: query.page_size,
      ...(query.purpose ? { purpose: query.purpose } : {}),
    });
    return { files: page.files.map(toFileInfo), pagination: page.pagination };
  }

  @Get(':file_id/info')
  @RequireScopes('files')
  @ApiOperation({ summary: 'What a file is: name, type, size, duration, creation and expiry' })
  @ApiParam(FILE_ID_PARAM)
  @ApiEnvelopeResponse(FileInfoDto)
  @ApiErrorResponses(StorageErrorCode.FILE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async info(@Param('file_id') fileId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<FileInfoDto> {
    return toFileInfo(await this.bus.query(GetStoredFileQuery, { file_id: fileId, access: userAccess(principal) }));
  }

  /**
   * Streams the content, whole or one byte range (206), with its ETag (the SHA-256) for
   * conditional requests. Reached with credentials or with a signed URL's query parameters.
   */
  @Get(':file_id')
  @PublicRoute()
  @RawResponse()
  @ApiOperation({ summary: 'Download a file (Range, If-None-Match); with credentials or a signed URL (?expires=&signature=)' })
  @ApiParam(FILE_ID_PARAM)
  @ApiProduces('application/octet-stream', 'audio/wav', 'audio/mpeg')
  @ApiErrorResponses(
    StorageErrorCode.FILE_NOT_FOUND,
    StorageErrorCode.URL_EXPIRED,
    StorageErrorCode.URL_INVALID,
    StorageErrorCode.RANGE_NOT_SATISFIABLE,
    ...CREDENTIAL_ERRORS,
  )
  async download(
    @Param('file_id') fileId: string,
    @Query() query: DownloadQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const access = await this.access.resolve(fileId, query, request, reply);
    const file = await this.bus.query(GetStoredFileQuery, { file_id: fileId, access });
    const entityTag = entityTagOf(file.sha256);
    reply.headers({
      etag: entityTag,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-cache',
      'content-disposition': contentDispositionHeader(dispositionFor(file.content_type, query.disposition), file.filename),
      'content-security-policy': "default-src 'none'; sandbox",
    });
    if (matchesIfNoneMatch(request.headers['if-none-match'], entityTag)) return reply.code(304).send();

    const ifRange = request.headers['if-range'];
    const range =
      ifRange === undefined || ifRange === entityTag ? parseRange(request.headers.range, file.size) : { kind: 'whole' as const };
    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', `bytes */${file.size}`);
      throw new ApplicationError(StorageErrorCode.RANGE_NOT_SATISFIABLE, `The file has ${file.size} bytes`);
    }
    const content = await this.blobs.get(file.blob_key, range.kind === 'partial' ? range.range : undefined).catch((error: unknown) => {
      if (error instanceof BlobNotFoundError) throw new ApplicationError(StorageErrorCode.FILE_NOT_FOUND, `No file ${fileId}`);
      throw error;
    });
    reply.type(file.content_type);
    if (range.kind === 'partial') {
      const { start, end } = range.range;
      return reply
        .code(206)
        .headers({ 'content-range': `bytes ${start}-${end}/${file.size}`, 'content-length': String(end - start + 1) })
        .send(content);
    }
    return reply.code(200).header('content-length', String(file.size)).send(content);
  }

  @Post(':file_id/signed-url')
  @HttpCode(200)
  @RequireScopes('files')
  @ApiOperation({ summary: 'A download URL for this file that works without credentials until it expires' })
  @ApiParam(FILE_ID_PARAM)
  @ApiEnvelopeResponse(SignedUrlDto)
  @ApiErrorResponses(StorageErrorCode.FILE_NOT_FOUND, ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS)
  async signedUrl(
    @Param('file_id') fileId: string,
    @Body() body: CreateSignedUrlDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<SignedUrlDto> {
    const ttl = body.expires_in ?? Math.min(DEFAULT_SIGNED_URL_TTL_SECONDS, this.options.signedUrlMaxTtlSeconds);
    if (ttl > this.options.signedUrlMaxTtlSeconds) {
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The URL would live too long', [
        { field: 'expires_in', messages: [`must not be greater than ${this.options.signedUrlMaxTtlSeconds}`] },
      ]);
    }
    await this.bus.query(GetStoredFileQuery, { file_id: fileId, access: userAccess(principal) });
    const signed = this.signer.sign(fileId, ttl, body.disposition);
    return { url: signed.path, expires_at: signed.expires_at, expires_in: ttl };
  }

  @Delete(':file_id')
  @HttpCode(200)
  @RequireScopes('files')
  @ResponseMessage('File deleted')
  @ApiOperation({ summary: 'Delete a file and its content' })
  @ApiParam(FILE_ID_PARAM)
  @ApiErrorResponses(StorageErrorCode.FILE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async remove(@Param('file_id') fileId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<void> {
    await this.bus.send(DeleteStoredFileCommand, { file_id: fileId, user_id: principal.userId, admin: principal.roles.includes('admin') });
  }
}

function userAccess(principal: AuthPrincipal): FileAccess {
  return { kind: 'user', user_id: principal.userId, admin: principal.roles.includes('admin') };
}
