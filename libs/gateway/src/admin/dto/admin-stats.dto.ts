import { ApiProperty } from '@nestjs/swagger';
import { BACKEND_SERVICES, type BackendServiceName } from '#contracts';

export class UserStatsDto {
  @ApiProperty({ example: 1250 })
  total!: number;

  @ApiProperty({ example: 89, description: 'Logged in since midnight UTC' })
  active_today!: number;

  @ApiProperty({ example: 23, description: 'Registered in the last 7 days' })
  new_this_week!: number;
}

export class VoiceSampleStatsDto {
  @ApiProperty({ example: 3450 })
  total!: number;

  @ApiProperty({ example: 12 })
  training!: number;

  @ApiProperty({ example: 3420 })
  ready!: number;
}

export class SynthesisStatsDto {
  @ApiProperty({ example: 156 })
  today!: number;

  @ApiProperty({ example: 1247 })
  this_week!: number;

  @ApiProperty({ example: 15678 })
  total!: number;
}

export class HostUsageDto {
  @ApiProperty({ example: 45.2, description: 'Percent: 1-minute load average per CPU core of the gateway host' })
  cpu_usage!: number;

  @ApiProperty({ example: 67.8, description: 'Percent of the gateway host’s memory in use' })
  memory_usage!: number;

  @ApiProperty({ example: 23.1, description: 'Percent of the file system holding the data directory in use' })
  disk_usage!: number;
}

const COUNTERS = { type: 'object', additionalProperties: { type: 'number' }, nullable: true } as const;

export class AdminStatsDto {
  @ApiProperty({ type: UserStatsDto, nullable: true, description: 'From identity; null when it did not answer' })
  users!: UserStatsDto | null;

  @ApiProperty({ type: VoiceSampleStatsDto, nullable: true, description: 'From voice; null when it did not answer' })
  voice_samples!: VoiceSampleStatsDto | null;

  @ApiProperty({ type: SynthesisStatsDto, nullable: true, description: 'From synthesis; null when it did not answer' })
  syntheses!: SynthesisStatsDto | null;

  @ApiProperty({ ...COUNTERS, description: 'From jobs (counters by name); null when it did not answer' })
  jobs!: Record<string, number> | null;

  @ApiProperty({ ...COUNTERS, description: 'From storage (counters by name); null when it did not answer' })
  files!: Record<string, number> | null;

  @ApiProperty({ type: HostUsageDto })
  system!: HostUsageDto;

  @ApiProperty({
    enum: BACKEND_SERVICES,
    isArray: true,
    example: ['voice', 'synthesis'],
    description: 'Services that did not answer in time',
  })
  unavailable_services!: BackendServiceName[];
}
