import type { ApiKeyScope } from '#contracts';
import { ApiKey } from '../../domain/index.js';
import type { ApiKeyRecord } from './api-key.entity.js';

export function apiKeyToRecord(apiKey: ApiKey): ApiKeyRecord {
  return {
    id: apiKey.id,
    user_id: apiKey.userId,
    name: apiKey.name,
    prefix: apiKey.prefix,
    key_hash: apiKey.hash,
    scopes: [...apiKey.scopes],
    created_at: apiKey.createdAt,
    expires_at: apiKey.expiresAt,
    last_used_at: apiKey.lastUsedAt,
    revoked_at: apiKey.revokedAt,
  };
}

export function apiKeyFromRecord(record: ApiKeyRecord): ApiKey {
  return ApiKey.restore({
    id: record.id,
    userId: record.user_id,
    name: record.name,
    prefix: record.prefix,
    hash: record.key_hash,
    scopes: record.scopes as ApiKeyScope[],
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    lastUsedAt: record.last_used_at,
    revokedAt: record.revoked_at,
  });
}
