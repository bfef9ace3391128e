import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES, type JobErrorView, type JobResult, type JobStatus, type JobView } from '#contracts';

export class JobErrorDto implements JobErrorView {
  @ApiProperty({ example: 'WORKER_LOST' }) code!: string;
  @ApiProperty({ example: 'The worker stopped reporting and the job was run 3 time(s) without finishing' }) reason!: string;
}

export class JobDto implements JobView {
  @ApiProperty({ example: 'job_4f9k2m8q1x7c3v5b0n6z' }) job_id!: string;
  @ApiProperty({ example: 'voice.training', description: 'Named by the service doing the work' }) type!: string;
  @ApiProperty({ enum: JOB_STATUSES, example: 'running' }) status!: JobStatus;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.65 }) progress!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Training epoch 65...' }) message!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Voice Model Training - My Voice Sample' }) title!: string | null;
  @ApiProperty({ example: 'usr_4f9k2m8q1x7c3v5b0n6z' }) user_id!: string;
  @ApiProperty({ example: 'voice' }) service!: string;
  @ApiProperty({ example: 1, description: 'Runs so far; a job whose worker was lost runs again from its last checkpoint' })
  attempts!: number;
  @ApiProperty({ example: false }) cancel_requested!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) estimated_completion!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What a completed job produced (links, ids)',
    example: { audio_url: '/api/v1/files/file_4f9k2m8q1x7c3v5b0n6z' },
  })
  result!: JobResult | null;
  @ApiProperty({ type: JobErrorDto, nullable: true }) error!: JobErrorView | null;
}
