import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { BackendServiceName, DependencyStatus } from '#contracts';

export type ServiceHealthStatus = 'ready' | 'not_ready' | 'unavailable' | 'timeout';

/** What the gateway learned about one back-end service when it asked for its readiness. */
export class ServiceHealthDto {
  @ApiProperty({ enum: ['ready', 'not_ready', 'unavailable', 'timeout'] })
  status!: ServiceHealthStatus;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { database: 'up', broker: 'up' },
  })
  checks?: Record<string, DependencyStatus>;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Latest applied migration of the service schema' })
  schema_version?: string | null;

  @ApiPropertyOptional({ description: 'The instance that answered' })
  instance_id?: string;

  @ApiPropertyOptional({ description: 'Uptime of the instance that answered' })
  uptime_seconds?: number;

  @ApiProperty({ description: 'Round trip of the readiness query over the bus' })
  latency_ms!: number;

  @ApiPropertyOptional({ description: 'Why the service is not ready' })
  error?: string;
}

export class SystemHealthReportDto {
  @ApiProperty({ enum: ['healthy', 'degraded'] })
  status!: 'healthy' | 'degraded';

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(ServiceHealthDto) } })
  services!: Record<BackendServiceName, ServiceHealthDto>;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ description: 'Uptime of the gateway process' })
  uptime_seconds!: number;
}
