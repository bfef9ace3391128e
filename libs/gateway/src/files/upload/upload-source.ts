import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApplicationError, ErrorCode } from '#contracts';

export interface UploadSource {
  stream: Readable;
  filename: string;
  contentType: string;
  /** The raw body's Content-Length, when announced: fewer bytes mean the upload was cut short. */
  expectedBytes?: number;
}

const DEFAULT_FILENAME = 'upload';

/**
 * The file of an upload request, unread: the first file part of a multipart form, or the raw body
 * (its Content-Type, its name in `X-File-Name`). Refuses an announced size over the limit before
 * reading a byte.
 */
export async function readUploadSource(request: FastifyRequest, maxBytes: number): Promise<UploadSource> {
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part)
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The form has no file', [{ field: 'file', messages: ['is required'] }]);
    return { stream: part.file, filename: safeFilename(part.filename), contentType: part.mimetype || 'application/octet-stream' };
  }
  if (!(request.body instanceof Readable)) {
    throw new ApplicationError(
      ErrorCode.VALIDATION_ERROR,
      'Send the file as multipart/form-data, or as the raw body with its own Content-Type (not application/json or text/plain)',
    );
  }
  const announced = request.headers['content-length'];
  const expectedBytes = announced === undefined ? undefined : Number(announced);
  if (expectedBytes !== undefined && expectedBytes > maxBytes) throw tooLarge(maxBytes);
  return {
    stream: request.body,
    filename: safeFilename(decodedHeader(request.headers['x-file-name'])),
    contentType: String(request.headers['content-type'] ?? 'application/octet-stream'),
    ...(expectedBytes !== undefined && Number.isSafeInteger(expectedBytes) ? { expectedBytes } : {}),
  };
}

export function tooLarge(maxBytes: number): ApplicationError {
  return new ApplicationError(ErrorCode.PAYLOAD_TOO_LARGE, `Files may be at most ${maxBytes} bytes`, { max_bytes: maxBytes });
}

/** A display name only (contents are stored under our own ids): no path, no control characters, 255 at most. */
export function safeFilename(raw: string | undefined): string {
  const cleaned = [...basename((raw ?? '').replaceAll('\\', '/'))]
    .filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? DEFAULT_FILENAME : cleaned;
}

function decodedHeader(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
