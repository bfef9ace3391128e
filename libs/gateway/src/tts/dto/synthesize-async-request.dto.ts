import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { MAX_ASYNC_SYNTHESIS_LENGTH } from '#contracts';
import { SynthesisVoiceAndConfigDto } from './synthesize-request.dto.js';

export class SynthesizeAsyncRequestDto extends SynthesisVoiceAndConfigDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_ASYNC_SYNTHESIS_LENGTH,
    example: 'Chapter one. It was a bright cold day in April, and the clocks were striking thirteen.',
  })
  @IsString()
  @Length(1, MAX_ASYNC_SYNTHESIS_LENGTH)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}

export class SynthesisJobAcceptedDto {
  @ApiProperty({ example: 'syn_8k2m4q9x1c7v3b5n0z6w' })
  synthesis_id!: string;

  @ApiProperty({ example: 'job_4f9k2m8q1x7c3v5b0n6z', description: 'Follow it at GET /api/v1/jobs/{job_id} (or its events / progress/ws)' })
  job_id!: string;

  @ApiProperty({ example: 134.5, description: 'Seconds of audio the text is expected to make' })
  estimated_duration!: number;

  @ApiProperty({ enum: ['pending'], example: 'pending' })
  status!: 'pending';
}
