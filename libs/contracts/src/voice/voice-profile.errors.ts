/** Error codes of voice profiles (the gateway maps them to HTTP statuses). */
export const VoiceProfileErrorCode = {
  VOICE_PROFILE_NOT_FOUND: 'VOICE_PROFILE_NOT_FOUND',
  /** Training without `consent: true` from the speaker. */
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  /** A sample to train from is not `ready` (still analysing, or rejected). */
  SAMPLE_NOT_READY: 'SAMPLE_NOT_READY',
  /** The profile exists but is still training or failed. */
  VOICE_PROFILE_NOT_READY: 'VOICE_PROFILE_NOT_READY',
} as const;
export type VoiceProfileErrorCode = (typeof VoiceProfileErrorCode)[keyof typeof VoiceProfileErrorCode];
