import './samples-error-statuses.js';
import { Body, Controller, Delete, Get, HttpCode, Inject, Logger, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CheckVoiceSampleUploadQuery,
  createId,
  DeleteVoiceSampleCommand,
  ErrorCode,
  GetVoiceSampleQuery,
  IdPrefix,
  ListVoiceSamplesQuery,
  UpdateVoiceSampleCommand,
  UploadVoiceSampleCommand,
  VoiceSampleErrorCode,
  type AuthPrincipal,
  type PageView,
  type VoiceSampleRequester,
} from '#contracts';
import { MessageBus } from '#messaging';
import { blobKeyForFile, BlobStore } from '#storage';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { StreamedUpload } from '../files/upload/streamed-upload.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { VOICE_SAMPLES_GATEWAY_OPTIONS, type VoiceSamplesGatewayOptions } from './samples-gateway.options.js';
import { receiveVoiceSampleUpload } from './samples-upload.js';
import {
  ListVoiceSamplesQueryDto,
  UpdateVoiceSampleDto,
  VoiceSampleDto,
  VoiceSampleSummaryDto,
  VoiceSampleUploadDto,
} from './samples.dto.js';

const SAMPLE_ID_PARAM = { name: 'sample_id', example: 'vs_4f9k2m8q1x7c3v5b0n6z' };
const CREDENTIAL_ERRORS = [ErrorCode.UNAUTHENTICATED, ErrorCode.PERMISSION_DENIED, ErrorCode.RATE_LIMITED];

function requester(principal: AuthPrincipal): VoiceSampleRequester {
  return { user_id: principal.userId, admin: principal.roles.includes('admin') };
}

/** `/api/v1/voice/samples`: uploads streamed into the blob store, everything else over the bus to the voice service. */
@ApiTags('voice samples')
@ApiCredentials()
@Controller('voice/samples')
export class VoiceSamplesHttpController {
  private readonly logger = new Logger('VoiceSamples');

  constructor(
    private readonly bus: MessageBus,
    private readonly blobs: BlobStore,
    @Inject(VOICE_SAMPLES_GATEWAY_OPTIONS) private readonly options: VoiceSamplesGatewayOptions,
  ) {}

  /**
   * Checks the caller's sample count and daily uploads, streams the file part into the blob store,
   * then hands the voice service its key: it decodes and registers the sample or refuses it
   * (INVALID_AUDIO with the reason), in which case the blob is deleted here.
   */
  @Post()
  @StreamedUpload()
  @RequireScopes('voices')
  @ResponseMessage('Voice sample uploaded successfully')
  @ApiOperation({
    summary: 'Upload a voice sample: multipart/form-data with name, description?, language (BCP 47, default en-US) and file',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'file'],
      properties: {
        name: { type: 'string', maxLength: 100 },
        description: { type: 'string', maxLength: 1000 },
        language: { type: 'string', example: 'en-US' },
        file: { type: 'string', format: 'binary', description: 'WAV, MP3, Ogg (Vorbis/Opus) or FLAC, 1 s to 10 min' },
      },
    },
  })
  @ApiEnvelopeResponse(VoiceSampleUploadDto, { status: 201 })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    VoiceSampleErrorCode.INVALID_AUDIO,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.QUOTA_EXCEEDED,
    ...CREDENTIAL_ERRORS,
  )
  async upload(@CurrentPrincipal() principal: AuthPrincipal, @Req() request: FastifyRequest): Promise<VoiceSampleUploadDto> {
    await this.bus.query(CheckVoiceSampleUploadQuery, { user_id: principal.userId });
    const fileId = createId(IdPrefix.file);
    const key = blobKeyForFile(fileId);
    const form = await receiveVoiceSampleUpload(request, this.blobs, key, this.options.maxSampleBytes);
    try {
      return await this.bus.send(
        UploadVoiceSampleCommand,
        {
          owner_id: principal.userId,
          name: form.fields.name ?? '',
          description: form.fields.description ?? null,
          language: form.fields.language ?? '',
          file_id: fileId,
          blob_key: form.stored.key,
          filename: form.filename,
          size: form.stored.size,
          sha256: form.stored.sha256,
        },
        { timeoutMs: this.options.uploadTimeoutMs },
      );
    } catch (error) {
      await this.blobs.delete(key).catch((cause: unknown) => this.logger.warn(`Could not remove the blob ${key}: ${String(cause)}`));
      throw error;
    }
  }

  @Get()
  @RequireScopes('voices')
  @ApiOperation({ summary: "The caller's samples (an admin's: everyone's), filtered by status and language, sorted" })
  @ApiPaginatedEnvelopeResponse(VoiceSampleSummaryDto, { itemsKey: 'samples' })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS)
  async list(
    @Query() query: ListVoiceSamplesQueryDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<{ samples: VoiceSampleSummaryDto[]; pagination: PageView }> {
    return this.bus.query(ListVoiceSamplesQuery, {
      requester: requester(principal),
      page: query.page,
      page_size: query.page_size,
      ...(query.status ? { status: query.status } : {}),
      ...(query.language ? { language: query.language } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.order ? { order: query.order } : {}),
    });
  }

  @Get(':sample_id')
  @RequireScopes('voices')
  @ApiOperation({ summary: 'A sample with its analysis (metrics, quality score, rejection reasons)' })
  @ApiParam(SAMPLE_ID_PARAM)
  @ApiEnvelopeResponse(VoiceSampleDto)
  @ApiErrorResponses(VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async get(@Param('sample_id') sampleId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<VoiceSampleDto> {
    return this.bus.query(GetVoiceSampleQuery, { sample_id: sampleId, requester: requester(principal) });
  }

  @Patch(':sample_id')
  @RequireScopes('voices')
  @ResponseMessage('Voice sample updated')
  @ApiOperation({ summary: 'Rename a sample or change its description' })
  @ApiParam(SAMPLE_ID_PARAM)
  @ApiEnvelopeResponse(VoiceSampleDto)
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async update(
    @Param('sample_id') sampleId: string,
    @Body() body: UpdateVoiceSampleDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<VoiceSampleDto> {
    return this.bus.send(UpdateVoiceSampleCommand, {
      sample_id: sampleId,
      requester: requester(principal),
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description }),
    });
  }

  @Delete(':sample_id')
  @HttpCode(200)
  @RequireScopes('voices')
  @ResponseMessage('Voice sample deleted')
  @ApiOperation({ summary: 'Delete a sample and its files' })
  @ApiParam(SAMPLE_ID_PARAM)
  @ApiErrorResponses(VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async delete(@Param('sample_id') sampleId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<void> {
    await this.bus.send(DeleteVoiceSampleCommand, { sample_id: sampleId, requester: requester(principal) });
  }
}
