import type { VoiceSampleSortField, VoiceSampleStatus } from '#contracts';
import type { VoiceSample } from '../../domain/samples/index.js';

/** Who asks: every read and write is scoped to the owner unless the requester is an admin. */
export interface VoiceSampleRequesterScope {
  userId: string;
  admin: boolean;
}

export interface VoiceSampleSearch {
  requester: VoiceSampleRequesterScope;
  status?: VoiceSampleStatus;
  language?: string;
  sort: VoiceSampleSortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * Voice samples on the voice schema. Reads and writes take the requester and answer nothing for
 * another user's sample (admins see all), so a handler cannot forget the owner check.
 */
export abstract class VoiceSampleRepository {
  abstract insert(sample: VoiceSample): Promise<void>;
  abstract update(sample: VoiceSample): Promise<void>;
  abstract findVisible(id: string, requester: VoiceSampleRequesterScope, options?: { lock?: boolean }): Promise<VoiceSample | undefined>;
  abstract list(search: VoiceSampleSearch): Promise<{ samples: VoiceSample[]; total: number }>;
  /** Deletes the row if the requester may; false when there was none to delete. */
  abstract delete(id: string, requester: VoiceSampleRequesterScope): Promise<boolean>;
  /** Serialises uploads of one owner until the transaction ends, then counts their samples. */
  abstract lockOwnerAndCount(ownerId: string): Promise<number>;
  abstract countByOwner(ownerId: string): Promise<number>;
  abstract countByStatus(): Promise<Record<VoiceSampleStatus, number>>;
  /** Samples a profile is being trained from right now. */
  abstract countInTraining(): Promise<number>;
}
