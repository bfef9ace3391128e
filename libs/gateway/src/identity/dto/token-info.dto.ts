import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_SCOPES, ROLES, type ApiKeyScope, type Role } from '#contracts';
import type { Authentication, CredentialKind } from '../../auth/authentication.js';

export class PrincipalDto {
  @ApiProperty({ example: 'usr_4f9k2m8q1x7c3v5b0n6z' })
  user_id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['user'] })
  roles!: Role[];

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['tts', 'voices', 'jobs', 'files'] })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ description: 'Set when an API key was used', example: 'key_0m3x9c2v7b1n5z8q4w6e' })
  key_id?: string;

  @ApiPropertyOptional({ description: 'Set when an access token was used', example: 'ses_1k2j3h4g5f6d7s8a9p0o' })
  session_id?: string;
}

export class TokenInfoDto {
  @ApiProperty({ enum: ['access_token', 'api_key'], example: 'access_token' })
  credential!: CredentialKind;

  @ApiProperty({ type: PrincipalDto })
  principal!: PrincipalDto;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-23T09:30:00.000Z' })
  expires_at!: string | null;
}

export function toTokenInfo({ principal, credential, expiresAt }: Authentication): TokenInfoDto {
  const view: PrincipalDto = { user_id: principal.userId, email: principal.email, roles: principal.roles, scopes: principal.scopes };
  if (principal.keyId !== undefined) view.key_id = principal.keyId;
  if (principal.sessionId !== undefined) view.session_id = principal.sessionId;
  return { credential, principal: view, expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString() };
}
