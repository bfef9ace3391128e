/** Just enough of the PostgreSQL wire protocol (v3) to frame messages and read transaction status. */

export const PROTOCOL_V3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSS_ENCRYPTION_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** Messages after which the server answers ReadyForQuery: the end of a unit of work. */
export const UNIT_END_TYPES = new Set(['S', 'Q']);
export const TERMINATE = 'X';

/**
 * Splits complete messages off the front of `buffer`. The first message of a connection (startup,
 * SSL or cancel request) has no type byte; every later one is type (1 byte) + length (4, itself included).
 */
export function takeMessages(buffer: Buffer, startupDone: boolean): { messages: Buffer[]; rest: Buffer; startup: boolean } {
  const messages: Buffer[] = [];
  let offset = 0;
  let startup = startupDone;
  for (;;) {
    const remaining = buffer.length - offset;
    if (!startup) {
      if (remaining < 8) break;
      const length = buffer.readInt32BE(offset);
      if (remaining < length) break;
      const message = buffer.subarray(offset, offset + length);
      messages.push(message);
      offset += length;
      // SSL and GSS requests are followed by another untyped startup message.
      const code = message.readInt32BE(4);
      if (code !== SSL_REQUEST && code !== GSS_ENCRYPTION_REQUEST) startup = true;
      continue;
    }
    if (remaining < 5) break;
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (remaining < length) break;
    messages.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset), startup };
}

/** The transaction status of the last ReadyForQuery in a server response: 'I' idle, 'T' in a transaction, 'E' failed one. */
export function lastTransactionStatus(response: Uint8Array): string | undefined {
  let status: string | undefined;
  let offset = 0;
  const view = Buffer.from(response.buffer, response.byteOffset, response.byteLength);
  while (offset + 5 <= view.length) {
    const type = String.fromCharCode(view[offset] as number);
    const length = view.readInt32BE(offset + 1);
    if (type === 'Z' && length === 5 && offset + 6 <= view.length) status = String.fromCharCode(view[offset + 5] as number);
    offset += 1 + length;
  }
  return status;
}
