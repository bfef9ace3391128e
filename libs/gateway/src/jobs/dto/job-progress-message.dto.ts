import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, type JobErrorView, type JobResult, type JobStatus } from '#contracts';
import { JobErrorDto } from './job.dto.js';

/** One message of the live progress stream (WebSocket message, SSE `data:`), as in the Voxify API text. */
export class JobProgressMessageDto {
  @ApiProperty({ example: 'job_4f9k2m8q1x7c3v5b0n6z' }) job_id!: string;
  @ApiProperty({ enum: JOB_STATUSES, example: 'running' }) status!: JobStatus;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.75 }) progress!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Training epoch 75...' }) message!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the worker reported it' }) timestamp!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'On the final message of a completed job' })
  result?: JobResult;
  @ApiPropertyOptional({ type: JobErrorDto, description: 'On the final message of a failed job' }) error?: JobErrorView;
}
