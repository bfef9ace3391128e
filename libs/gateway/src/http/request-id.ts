import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// Short and free of spaces or control characters, so a client cannot forge log lines or headers with it.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps the caller's `X-Request-Id` when it is sane (a proxy or client tracing its own calls), else makes one. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The W3C `traceparent` header when it is well formed; anything else is dropped, not forwarded. */
export function traceparentOf(request: IncomingMessage): string | undefined {
  const header = request.headers.traceparent;
  return typeof header === 'string' && TRACEPARENT.test(header) ? header : undefined;
}
