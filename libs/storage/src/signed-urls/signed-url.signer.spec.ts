import { StorageErrorCode } from '#contracts';
import { SignedUrlSigner } from './signed-url.signer.js';

const SECRET = 'file-url-secret-of-at-least-32-chars';

function codeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('SignedUrlSigner', () => {
  let now: Date;
  const signer = new SignedUrlSigner(SECRET, () => now);

  beforeEach(() => {
    now = new Date('2026-01-01T00:00:00Z');
  });

  it('signs a path that its own verify accepts until the expiry', () => {
    const url = signer.sign('file_abc', 60);

    expect(url.path).toMatch(/^\/api\/v1\/files\/file_abc\?expires=\d+&signature=[\w-]+$/);
    expect(url.expires_at).toBe('2026-01-01T00:01:00.000Z');
    expect(codeOf(() => signer.verify('file_abc', url.query))).toBeUndefined();

    now = new Date('2026-01-01T00:01:00Z');
    expect(codeOf(() => signer.verify('file_abc', url.query))).toBe(StorageErrorCode.URL_EXPIRED);
  });

  it('refuses another file, a changed expiry, a changed disposition and a foreign secret as URL_INVALID', () => {
    const url = signer.sign('file_abc', 60, 'attachment');
    const later = String(Number(url.query.expires) + 3600);

    expect(codeOf(() => signer.verify('file_abd', url.query))).toBe(StorageErrorCode.URL_INVALID);
    expect(codeOf(() => signer.verify('file_abc', { ...url.query, expires: later }))).toBe(StorageErrorCode.URL_INVALID);
    expect(codeOf(() => signer.verify('file_abc', { ...url.query, disposition: 'inline' }))).toBe(StorageErrorCode.URL_INVALID);
    expect(codeOf(() => signer.verify('file_abc', { expires: url.query.expires, signature: url.query.signature }))).toBe(
      StorageErrorCode.URL_INVALID,
    );
    const foreign = new SignedUrlSigner(`${SECRET}-other`, () => now).sign('file_abc', 60, 'attachment');
    expect(codeOf(() => signer.verify('file_abc', foreign.query))).toBe(StorageErrorCode.URL_INVALID);
  });

  it('refuses malformed parameters as URL_INVALID, even when expired', () => {
    expect(codeOf(() => signer.verify('file_abc', {}))).toBe(StorageErrorCode.URL_INVALID);
    expect(codeOf(() => signer.verify('file_abc', { expires: '1', signature: 'x' }))).toBe(StorageErrorCode.URL_INVALID);
    expect(codeOf(() => signer.verify('file_abc', { expires: ['1'], signature: 'x' }))).toBe(StorageErrorCode.URL_INVALID);
  });

  it('wants a secret of at least 32 characters', () => {
    expect(() => new SignedUrlSigner('short')).toThrow(/at least 32/);
  });
});
