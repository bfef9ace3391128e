import { Writable } from 'node:stream';

/** A pino destination that keeps every line, so tests can look for what must never be logged. */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.lines.push(chunk.toString());
      done();
    },
  });

  text(): string {
    return this.lines.join('');
  }
}
