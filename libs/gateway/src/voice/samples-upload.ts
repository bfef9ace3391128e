import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ApplicationError, ErrorCode } from '#contracts';
import type { BlobStore, StoredBlob } from '#storage';
import { interrupted, uploadFailure } from '../files/upload/upload-errors.js';
import { safeFilename } from '../files/upload/upload-source.js';

/** The text fields of a sample upload; the file went straight to the blob store. */
export interface VoiceSampleUploadForm {
  fields: { name?: string; description?: string; language?: string };
  filename: string;
  stored: StoredBlob;
}

const FIELD_NAMES = new Set(['name', 'description', 'language']);

/**
 * Reads a multipart sample upload part by part: text fields before and after the file, the file
 * part streamed into the blob store under `key` (at most `maxBytes`, never whole in memory).
 * Whatever goes wrong leaves no blob; the caller deletes it if the sample is refused later.
 */
export async function receiveVoiceSampleUpload(
  request: FastifyRequest,
  blobs: BlobStore,
  key: string,
  maxBytes: number,
): Promise<VoiceSampleUploadForm> {
  if (!request.isMultipart())
    throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'Send the sample as multipart/form-data with name, language and a file part');
  const fields: VoiceSampleUploadForm['fields'] = {};
  let file: { filename: string; stored: StoredBlob } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (file || part.fieldname !== 'file') {
          part.file.resume();
          throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'Send exactly one file, in the part named "file"', [
            { field: 'file', messages: ['must be the only file part'] },
          ]);
        }
        file = { filename: safeFilename(part.filename), stored: await blobs.put(key, part.file, { maxBytes }) };
        if (part.file.truncated) throw new ApplicationError(ErrorCode.PAYLOAD_TOO_LARGE, `Samples may be at most ${maxBytes} bytes`);
      } else if (FIELD_NAMES.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname as keyof VoiceSampleUploadForm['fields']] = part.value;
      }
    }
    await finished(request.raw).catch(() => {
      throw interrupted();
    });
  } catch (error) {
    await blobs.delete(key).catch(() => undefined);
    if (error instanceof ApplicationError) throw error;
    throw uploadFailure(error, maxBytes);
  }
  if (!file) throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The form has no file', [{ field: 'file', messages: ['is required'] }]);
  return { fields, ...file };
}
