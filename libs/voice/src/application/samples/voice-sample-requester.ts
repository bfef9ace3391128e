import type { VoiceSampleRequester } from '#contracts';
import type { VoiceSampleRequesterScope } from '../ports/voice-sample.repository.js';

export function requesterScope(requester: VoiceSampleRequester): VoiceSampleRequesterScope {
  return { userId: String(requester.user_id), admin: requester.admin === true };
}
