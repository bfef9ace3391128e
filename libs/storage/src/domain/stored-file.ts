import { ApplicationError, ErrorCode, FILE_PURPOSES, hasPrefix, type FileAccess, type FilePurpose } from '#contracts';

export interface StoredFileProps {
  id: string;
  ownerId: string;
  purpose: FilePurpose;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  blobKey: string;
  durationSeconds: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  deletedAt: Date | null;
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-z0-9_-]+=[a-z0-9_.+-]+)*$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_FILENAME_LENGTH = 255;

/**
 * A stored file's metadata: whose it is, what it is and how long it lives. Its content sits in the
 * blob store under `blobKey`. A file is live until it is deleted or its expiry passes; only its
 * owner (or an admin, or a signed URL) may see a live file.
 */
export class StoredFile {
  private constructor(private props: StoredFileProps) {}

  static register(input: Omit<StoredFileProps, 'deletedAt'>): StoredFile {
    const problems: Array<{ field: string; messages: string[] }> = [];
    const check = (field: string, ok: boolean, message: string) => {
      if (!ok) problems.push({ field, messages: [message] });
    };
    check('file_id', hasPrefix(input.id, 'file'), 'must be a file id (file_…)');
    check('owner_id', input.ownerId.length > 0, 'must be given');
    check('purpose', (FILE_PURPOSES as readonly string[]).includes(input.purpose), `must be one of: ${FILE_PURPOSES.join(', ')}`);
    check('filename', input.filename.length > 0 && input.filename.length <= MAX_FILENAME_LENGTH, 'must be 1 to 255 characters');
    check('content_type', CONTENT_TYPE.test(input.contentType), 'must be a media type such as audio/wav');
    check('size', Number.isSafeInteger(input.size) && input.size >= 0, 'must be a whole number of bytes');
    check('sha256', SHA256_HEX.test(input.sha256), 'must be 64 lower-case hex digits');
    check(
      'duration',
      input.durationSeconds === null || (Number.isFinite(input.durationSeconds) && input.durationSeconds >= 0),
      'must be seconds',
    );
    check('expires_at', input.expiresAt === null || !Number.isNaN(input.expiresAt.getTime()), 'must be a date');
    if (problems.length > 0) throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The file cannot be registered', problems);
    return new StoredFile({ ...input, deletedAt: null });
  }

  static restore(props: StoredFileProps): StoredFile {
    return new StoredFile({ ...props });
  }

  get id(): string {
    return this.props.id;
  }

  get ownerId(): string {
    return this.props.ownerId;
  }

  get blobKey(): string {
    return this.props.blobKey;
  }

  get size(): number {
    return this.props.size;
  }

  get deletedAt(): Date | null {
    return this.props.deletedAt;
  }

  snapshot(): Readonly<StoredFileProps> {
    return { ...this.props };
  }

  isLive(now: Date): boolean {
    return this.props.deletedAt === null && (this.props.expiresAt === null || this.props.expiresAt > now);
  }

  visibleTo(access: FileAccess): boolean {
    return access.kind === 'signed_url' || access.admin || access.user_id === this.props.ownerId;
  }

  /** False when it was already deleted. */
  markDeleted(at: Date): boolean {
    if (this.props.deletedAt !== null) return false;
    this.props = { ...this.props, deletedAt: at };
    return true;
  }
}
