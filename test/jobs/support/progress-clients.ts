import WebSocket from 'ws';

export interface ProgressMessage {
  job_id: string;
  status: string;
  progress: number;
  message: string | null;
  timestamp: string;
  result?: Record<string, unknown>;
  error?: { code: string; reason: string };
}

export interface ReceivedMessage {
  message: ProgressMessage;
  receivedAt: number;
}

export interface WatchedSocket {
  messages: ReceivedMessage[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the handshake completed, rejects when it was refused (`unexpected-response` status). */
  opened: Promise<void>;
  close(): void;
}

/** Connects to a job's progress WebSocket and records every message with the time it arrived. */
export function watchProgressSocket(url: string, headers: Record<string, string> = {}): WatchedSocket {
  const socket = new WebSocket(url, { headers });
  const messages: ReceivedMessage[] = [];
  socket.on('message', (data) => messages.push({ message: JSON.parse(String(data)) as ProgressMessage, receivedAt: Date.now() }));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake refused: ${response.statusCode}`)));
    socket.once('error', reject);
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return { messages, closed, opened, close: () => socket.close() };
}

/** Reads a job's SSE stream until `event: end` (or the timeout); returns the `data:` messages. */
export async function readProgressEvents(
  url: string,
  timeoutMs: number,
): Promise<{ status: number; messages: ProgressMessage[]; ended: boolean }> {
  const abort = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { signal: abort, headers: { accept: 'text/event-stream' } });
  if (!response.ok || !response.body) return { status: response.status, messages: [], ended: false };
  const messages: ProgressMessage[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        if (event.startsWith('event: end')) ended = true;
        else if (event.startsWith('data: ')) messages.push(JSON.parse(event.slice(6)) as ProgressMessage);
      }
    }
  } catch (error) {
    if (!abort.aborted) throw error;
  }
  return { status: response.status, messages, ended };
}
