import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApplicationError, StorageErrorCode } from '#contracts';

export type FileDisposition = 'inline' | 'attachment';

/** The query parameters that grant access to one file until `expires` (Unix seconds). */
export interface FileUrlSignature {
  expires: string;
  signature: string;
  disposition?: FileDisposition;
}

export interface SignedFileUrl {
  /** `/api/v1/files/<id>?expires=…&signature=…`: prepend the public origin for an absolute URL. */
  path: string;
  expires_at: string;
  query: FileUrlSignature;
}

export const MIN_FILE_URL_SECRET_LENGTH = 32;
const FILES_PATH = '/api/v1/files';

/**
 * Signs and checks download URLs that work without an Authorization header (an `<audio src>`):
 * HMAC-SHA256 with FILE_URL_SECRET over the file id, the expiry and the disposition, so none of
 * them can be changed. Every gateway and any service that hands out URLs (synthesis) shares the secret.
 */
export class SignedUrlSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (secret.length < MIN_FILE_URL_SECRET_LENGTH) {
      throw new Error(`FILE_URL_SECRET must be at least ${MIN_FILE_URL_SECRET_LENGTH} characters`);
    }
    this.key = Buffer.from(secret, 'utf8');
  }

  /** A URL valid for `ttlSeconds` from now. */
  sign(fileId: string, ttlSeconds: number, disposition?: FileDisposition): SignedFileUrl {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
    const expires = String(expiresAt);
    const query: FileUrlSignature = { expires, signature: this.mac(fileId, expires, disposition) };
    if (disposition) query.disposition = disposition;
    const search = new URLSearchParams({ ...query });
    return {
      path: `${FILES_PATH}/${encodeURIComponent(fileId)}?${search.toString()}`,
      expires_at: new Date(expiresAt * 1000).toISOString(),
      query,
    };
  }

  /** Throws URL_INVALID (altered or foreign) or URL_EXPIRED (genuine but past its expiry). */
  verify(fileId: string, presented: { expires?: unknown; signature?: unknown; disposition?: unknown }): void {
    const { expires, signature, disposition } = presented;
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string') throw invalid();
    if (disposition !== undefined && disposition !== 'inline' && disposition !== 'attachment') throw invalid();
    const expected = Buffer.from(this.mac(fileId, expires, disposition));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    if (Number(expires) * 1000 <= this.now().getTime()) {
      throw new ApplicationError(StorageErrorCode.URL_EXPIRED, 'This link has expired; ask for a new one');
    }
  }

  private mac(fileId: string, expires: string, disposition: FileDisposition | undefined): string {
    return createHmac('sha256', this.key)
      .update(`v1\n${fileId}\n${expires}\n${disposition ?? ''}`)
      .digest('base64url');
  }
}

function invalid(): ApplicationError {
  return new ApplicationError(StorageErrorCode.URL_INVALID, 'This link is not valid');
}
