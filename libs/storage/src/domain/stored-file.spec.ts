import { ErrorCode } from '#contracts';
import { defaultExpiry } from './file-expiry.js';
import { StoredFile, type StoredFileProps } from './stored-file.js';

const NOW = new Date('2026-03-01T12:00:00Z');

function input(overrides: Partial<StoredFileProps> = {}): Omit<StoredFileProps, 'deletedAt'> {
  return {
    id: 'file_abc123',
    ownerId: 'usr_owner',
    purpose: 'upload',
    filename: 'take-1.wav',
    contentType: 'audio/wav',
    size: 42,
    sha256: 'a'.repeat(64),
    blobKey: 'files/file_abc123',
    durationSeconds: null,
    createdAt: NOW,
    expiresAt: null,
    ...overrides,
  };
}

describe('StoredFile', () => {
  it('is visible to its owner, admins and signed URLs only', () => {
    const file = StoredFile.register(input());

    expect(file.visibleTo({ kind: 'user', user_id: 'usr_owner', admin: false })).toBe(true);
    expect(file.visibleTo({ kind: 'user', user_id: 'usr_other', admin: false })).toBe(false);
    expect(file.visibleTo({ kind: 'user', user_id: 'usr_other', admin: true })).toBe(true);
    expect(file.visibleTo({ kind: 'signed_url' })).toBe(true);
  });

  it('is live until deleted or expired', () => {
    const expiring = StoredFile.register(input({ expiresAt: new Date(NOW.getTime() + 1000) }));
    expect(expiring.isLive(NOW)).toBe(true);
    expect(expiring.isLive(new Date(NOW.getTime() + 1000))).toBe(false);

    const file = StoredFile.register(input());
    expect(file.markDeleted(NOW)).toBe(true);
    expect(file.markDeleted(NOW)).toBe(false);
    expect(file.isLive(NOW)).toBe(false);
  });

  it('refuses bad metadata with a VALIDATION_ERROR naming each field', () => {
    try {
      StoredFile.register(input({ id: 'usr_x', contentType: 'wav', sha256: 'xyz', size: -1, filename: '' }));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_ERROR });
      const fields = (error as { details: Array<{ field: string }> }).details.map((problem) => problem.field);
      expect(fields.sort()).toEqual(['content_type', 'file_id', 'filename', 'sha256', 'size']);
    }
  });

  it('accepts media types with parameters', () => {
    expect(() => StoredFile.register(input({ contentType: 'text/plain; charset=utf-8' }))).not.toThrow();
  });
});

describe('defaultExpiry', () => {
  it('expires synthesis outputs after the configured hours and keeps the rest', () => {
    expect(defaultExpiry('synthesis_output', NOW, 24)).toEqual(new Date('2026-03-02T12:00:00Z'));
    expect(defaultExpiry('upload', NOW, 24)).toBeNull();
    expect(defaultExpiry('voice_sample', NOW, 24)).toBeNull();
  });
});
