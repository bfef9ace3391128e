import { ApiProperty } from '@nestjs/swagger';

export class VoiceDto {
  @ApiProperty({ example: 'en_US-voxify-low:slt', description: 'Voice and speaker, as `voice_id` of a synthesis' })
  voice_id!: string;

  @ApiProperty({ example: 'en_US-voxify-low' })
  name!: string;

  @ApiProperty({ example: 'slt', nullable: true, type: String, description: 'null for a single-speaker voice' })
  speaker!: string | null;

  @ApiProperty({ example: 'en_US' })
  language!: string;

  @ApiProperty({ example: 16000 })
  sample_rate!: number;

  @ApiProperty({ example: 4 })
  num_speakers!: number;
}

export class VoiceListDto {
  @ApiProperty({ type: [VoiceDto] })
  voices!: VoiceDto[];

  @ApiProperty({ example: 'en_US-voxify-low:slt' })
  default_voice_id!: string;
}
