import { lastTransactionStatus, PROTOCOL_V3, SSL_REQUEST, takeMessages } from './wire-messages.js';

function untyped(code: number, body = Buffer.alloc(0)): Buffer {
  const message = Buffer.alloc(8 + body.length);
  message.writeInt32BE(8 + body.length, 0);
  message.writeInt32BE(code, 4);
  body.copy(message, 8);
  return message;
}

function typed(type: string, body: Buffer | string = Buffer.alloc(0)): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const message = Buffer.alloc(5 + payload.length);
  message.write(type, 0);
  message.writeInt32BE(4 + payload.length, 1);
  payload.copy(message, 5);
  return message;
}

describe('wire message framing', () => {
  it('splits an SSL request, the startup message and typed messages, keeping an incomplete tail', () => {
    const startup = untyped(PROTOCOL_V3, Buffer.from('user\0postgres\0\0'));
    const query = typed('Q', 'SELECT 1\0');
    const stream = Buffer.concat([untyped(SSL_REQUEST), startup, query, typed('S').subarray(0, 3)]);
    const first = takeMessages(stream, false);
    expect(first.messages).toEqual([untyped(SSL_REQUEST), startup, query]);
    expect(first.startup).toBe(true);
    expect(first.rest).toEqual(typed('S').subarray(0, 3));
    const second = takeMessages(Buffer.concat([first.rest, typed('S').subarray(3)]), true);
    expect(second.messages).toEqual([typed('S')]);
    expect(second.rest.length).toBe(0);
  });

  it('waits for a whole startup message before it takes one', () => {
    const startup = untyped(PROTOCOL_V3, Buffer.from('user\0postgres\0\0'));
    expect(takeMessages(startup.subarray(0, 10), false)).toMatchObject({ messages: [], startup: false });
  });

  it('reads the transaction status of the last ReadyForQuery in a response', () => {
    const ready = (status: string) => typed('Z', status);
    expect(lastTransactionStatus(Buffer.concat([typed('1'), typed('C', 'BEGIN\0'), ready('T')]))).toBe('T');
    expect(lastTransactionStatus(Buffer.concat([ready('T'), typed('C', 'COMMIT\0'), ready('I')]))).toBe('I');
    expect(lastTransactionStatus(Buffer.concat([typed('E', 'oops\0'), ready('E')]))).toBe('E');
    expect(lastTransactionStatus(typed('1'))).toBeUndefined();
  });
});
