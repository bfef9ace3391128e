/** The strong ETag of a content: its SHA-256, which never changes for a file id. */
export function entityTagOf(sha256: string): string {
  return `"${sha256}"`;
}

/** `If-None-Match` holds `*` or this tag (weak comparison, as RFC 9110 asks for this header). */
export function matchesIfNoneMatch(header: string | undefined, entityTag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === entityTag;
  });
}
