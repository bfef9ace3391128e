import { Writable } from 'node:stream';
import { runWithContext } from '#messaging';
import { createLogger } from './create-logger.js';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines with the service, level and message', () => {
    const { lines, stream } = capture();
    createLogger('voice', 'info', stream).info({ sampleId: 'vs_1' }, 'sample analysed');
    expect(lines[0]).toMatchObject({ service: 'voice', level: 'info', message: 'sample analysed', sampleId: 'vs_1' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('stamps lines written while handling a request or message with its correlation and message ids', () => {
    const { lines, stream } = capture();
    const logger = createLogger('jobs', 'info', stream);
    runWithContext({ correlationId: 'req-42', messageId: 'msg-7', userId: 'usr_1' }, () => logger.info({}, 'inside'));
    logger.info({}, 'outside');
    expect(lines[0]).toMatchObject({ correlationId: 'req-42', messageId: 'msg-7', userId: 'usr_1' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('redacts secrets that reach a log line', () => {
    const { lines, stream } = capture();
    createLogger('identity', 'info', stream).info({ password: 'hunter2hunter2', body: { refresh_token: 'rt_abc' } }, 'login');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('hunter2hunter2');
    expect(text).not.toContain('rt_abc');
  });
});
