import type { FileDisposition } from '#storage';

/** Types a browser may render in place without running anything of the file's (audio players, images). */
const INLINE_SAFE_TYPE = /^(audio\/|video\/|image\/(png|jpeg|gif|webp|avif)$|text\/plain$|application\/pdf$)/i;

/** `inline` only for media that cannot script the API's origin; everything else downloads. */
export function dispositionFor(contentType: string, requested: FileDisposition | undefined): FileDisposition {
  const mediaType = contentType.split(';')[0]!.trim();
  if (!INLINE_SAFE_TYPE.test(mediaType)) return 'attachment';
  return requested ?? 'inline';
}

/** RFC 6266: an ASCII fallback name plus the exact name in RFC 5987 encoding. */
export function contentDispositionHeader(disposition: FileDisposition, filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
