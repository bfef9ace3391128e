import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import type { FileDisposition } from '#storage';

export class CreateSignedUrlDto {
  @ApiPropertyOptional({ description: 'Seconds the URL stays valid (at most SIGNED_URL_MAX_TTL_SECONDS)', minimum: 1, default: 3600 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expires_in?: number;

  @ApiPropertyOptional({ enum: ['inline', 'attachment'], description: 'Play in place (default for audio) or download' })
  @IsOptional()
  @IsIn(['inline', 'attachment'])
  disposition?: FileDisposition;
}

export class SignedUrlDto {
  @ApiProperty({
    description: 'Path of the download URL, usable without an Authorization header',
    example: '/api/v1/files/file_4f9k?expires=1795000000&signature=Zm9v',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;

  @ApiProperty({ example: 3600 })
  expires_in!: number;
}

/** `GET /files/{id}` query: a signed URL's parameters, and the disposition asked for. */
export class DownloadQueryDto {
  @IsOptional()
  @IsIn(['inline', 'attachment'])
  disposition?: FileDisposition;

  @IsOptional()
  expires?: string;

  @IsOptional()
  signature?: string;
}
