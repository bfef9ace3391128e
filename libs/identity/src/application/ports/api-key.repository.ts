import type { ApiKey } from '../../domain/index.js';

export abstract class ApiKeyRepository {
  abstract insert(apiKey: ApiKey): Promise<void>;
  /** Stores a revocation. */
  abstract save(apiKey: ApiKey): Promise<void>;
  abstract findById(id: string): Promise<ApiKey | undefined>;
  abstract findByHash(hash: string): Promise<ApiKey | undefined>;
  /** Newest first, revoked ones included. */
  abstract listByUser(userId: string): Promise<ApiKey[]>;
  /** Writes last_used_at unless another verification moved it within the last minute. */
  abstract saveLastUsed(apiKey: ApiKey): Promise<void>;
}
