import { ApplicationError, ErrorCode, VoiceSampleErrorCode } from '#contracts';

export const voiceSampleErrors = {
  notFound: (sampleId: string) => new ApplicationError(VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, `No voice sample ${sampleId}`),
  invalidAudio: (reason: string) => new ApplicationError(VoiceSampleErrorCode.INVALID_AUDIO, reason, { reason }),
  invalidField: (field: string, message: string) =>
    new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]),
};
