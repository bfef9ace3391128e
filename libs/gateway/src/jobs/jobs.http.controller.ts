import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CancelJobCommand,
  ErrorCode,
  GetJobQuery,
  IdentityErrorCode,
  JobErrorCode,
  ListJobsQuery,
  type AuthPrincipal,
  type JobRequester,
  type JobView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Paginated } from '../pagination/pagination.dto.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { JobDto } from './dto/job.dto.js';
import { ListJobsQueryDto } from './dto/list-jobs.query.dto.js';

export const JOB_ACCESS_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
];

export function requesterOf(principal: AuthPrincipal): JobRequester {
  return { user_id: principal.userId, is_admin: principal.roles.includes('admin') };
}

@ApiTags('jobs')
@ApiCredentials()
@RequireScopes('jobs')
@Controller('jobs')
export class JobsHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({
    summary: 'Your jobs (every job for an admin), a page at a time; filter by status and type, sort by created_at or updated_at',
  })
  @ApiPaginatedEnvelopeResponse(JobDto, { itemsKey: 'jobs' })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...JOB_ACCESS_ERRORS)
  list(@Query() query: ListJobsQueryDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<Paginated<JobView, 'jobs'>> {
    return this.bus.query(ListJobsQuery, {
      requester: requesterOf(principal),
      page: query.page,
      page_size: query.page_size,
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.type === undefined ? {} : { type: query.type }),
      ...(query.sort === undefined ? {} : { sort: query.sort }),
      ...(query.order === undefined ? {} : { order: query.order }),
    });
  }

  @Get(':job_id')
  @ApiOperation({ summary: 'One job: status, progress, message, timestamps, result or error' })
  @ApiParam({ name: 'job_id', example: 'job_4f9k2m8q1x7c3v5b0n6z' })
  @ApiEnvelopeResponse(JobDto)
  @ApiErrorResponses(JobErrorCode.JOB_NOT_FOUND, ...JOB_ACCESS_ERRORS)
  get(@Param('job_id') jobId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<JobView> {
    return this.bus.query(GetJobQuery, { job_id: jobId, requester: requesterOf(principal) });
  }

  @Post(':job_id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a job',
    description:
      'A pending job is cancelled at once and never starts. A running job gets `cancel_requested: true` and stops at its next ' +
      'checkpoint (then `status: cancelled`). A finished job answers 409 JOB_FINISHED.',
  })
  @ApiParam({ name: 'job_id', example: 'job_4f9k2m8q1x7c3v5b0n6z' })
  @ApiEnvelopeResponse(JobDto)
  @ApiErrorResponses(JobErrorCode.JOB_NOT_FOUND, JobErrorCode.JOB_FINISHED, ...JOB_ACCESS_ERRORS)
  cancel(@Param('job_id') jobId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<JobView> {
    return this.bus.send(CancelJobCommand, { job_id: jobId, requester: requesterOf(principal) });
  }
}
