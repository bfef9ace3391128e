import { ApplicationError, ErrorCode } from '#contracts';
import { BlobIncompleteError, BlobTooLargeError } from '#storage';
import { tooLarge } from './upload-source.js';

const INTERRUPTION_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** What a failed upload stream means to the client: too large (413), cut short, or a fault of ours (rethrown). */
export function uploadFailure(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof BlobTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (
    error instanceof BlobIncompleteError ||
    (typeof code === 'string' && INTERRUPTION_CODES.has(code)) ||
    (error instanceof Error && /aborted|unexpected end of form/i.test(error.message))
  ) {
    return interrupted();
  }
  return error;
}

export function interrupted(): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The upload was interrupted before the whole file arrived');
}
