import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIO_FORMATS, type AudioFormat } from '#contracts';

export class WordTimestampDto {
  @ApiProperty({ example: 'Hello' })
  word!: string;

  @ApiProperty({ example: 0.12, description: 'Seconds from the start of the audio' })
  start!: number;

  @ApiProperty({ example: 0.48, description: 'Seconds from the start of the audio' })
  end!: number;
}

export class SynthesisResultDto {
  @ApiProperty({ example: 'syn_8k2m4q9x1c7v3b5n0z6w' })
  synthesis_id!: string;

  @ApiProperty({ example: 'file_4f9k2m8q1x7c3v5b0n6z', description: 'The stored output (GET /api/v1/files/{file_id} with credentials)' })
  file_id!: string;

  @ApiProperty({
    example: 'https://api.example.com/api/v1/files/file_4f9k2m8q1x7c3v5b0n6z?expires=1795000000&signature=Zm9v',
    description: 'Absolute signed URL of the audio; works without an Authorization header until it expires',
  })
  audio_url!: string;

  @ApiProperty({ example: 2.48, description: 'Seconds' })
  duration!: number;

  @ApiProperty({ enum: AUDIO_FORMATS, example: 'wav' })
  format!: AudioFormat;

  @ApiProperty({ example: 16000 })
  sample_rate!: number;

  @ApiPropertyOptional({ type: [WordTimestampDto], description: 'Only with `config.timestamps: true`' })
  timestamps?: WordTimestampDto[];
}
