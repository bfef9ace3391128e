import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyView, type CreatedApiKey } from '#contracts';

export class ApiKeyDto implements ApiKeyView {
  @ApiProperty({ example: 'key_0m3x9c2v7b1n5z8q4w6e' })
  key_id!: string;

  @ApiProperty({ example: 'CI pipeline' })
  name!: string;

  @ApiProperty({ description: 'The first characters of the key, to recognise it', example: 'vx_ab12cd34' })
  prefix!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['tts', 'voices'] })
  scopes!: ApiKeyScope[];

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  expires_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  last_used_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  revoked_at!: string | null;
}

export class CreatedApiKeyDto implements CreatedApiKey {
  @ApiProperty({ type: ApiKeyDto })
  api_key!: ApiKeyDto;

  @ApiProperty({ description: 'The key itself, shown only this once', example: 'vx_ab12cd34_9f8e7d6c5b4a39281706f5e4d3c2b1a0' })
  key!: string;
}
