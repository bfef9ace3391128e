import { ApplicationError, VoiceProfileErrorCode } from '#contracts';

export const voiceProfileErrors = {
  notFound: (id: string) => new ApplicationError(VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, `Voice profile ${id} not found`),
  notReady: (id: string, status: string) =>
    new ApplicationError(VoiceProfileErrorCode.VOICE_PROFILE_NOT_READY, `Voice profile ${id} is ${status}, not ready`),
};
