import { safeFilename } from './upload-source.js';

describe('safeFilename', () => {
  it('keeps a plain name and drops paths, control characters and empty names', () => {
    expect(safeFilename('take 1.wav')).toBe('take 1.wav');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\ada\\voice.mp3')).toBe('voice.mp3');
    expect(safeFilename('a\u0000b\nc.wav')).toBe('abc.wav');
    expect(safeFilename('..')).toBe('upload');
    expect(safeFilename(undefined)).toBe('upload');
    expect(safeFilename('x'.repeat(300))).toHaveLength(255);
  });
});
