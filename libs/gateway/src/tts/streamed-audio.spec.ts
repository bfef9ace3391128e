import { ApplicationError, SynthesisErrorCode } from '#contracts';
import { encodePcm, pcmAudio, StreamingWavEncoder } from '#audio';
import type { StreamedSentence } from './sentence-streamer.js';
import { encodeChunks, primed, timedChunks, type AudioChunk } from './streamed-audio.js';

const RATE = 8000;

function sentence(index: number, length: number, value: number): StreamedSentence {
  return {
    index,
    samples: new Float32Array(length).fill(value),
    sampleRate: RATE,
    pauseAfter: 0.25,
    words: [{ word: `w${index}`, start: 0.01, end: length / RATE }],
  };
}

async function* sentences(...items: StreamedSentence[]): AsyncGenerator<StreamedSentence> {
  yield* items;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('timedChunks', () => {
  it('puts the pause after each sentence at the start of the next one and times words on the whole audio', async () => {
    const chunks = await collect(timedChunks(sentences(sentence(0, 800, 0.5), sentence(1, 1600, 0.25)), 2));

    expect(chunks.map(({ sequence, duration, last }) => ({ sequence, duration, last }))).toEqual([
      { sequence: 1, duration: 0.1, last: false },
      { sequence: 2, duration: 0.25 + 0.2, last: true },
    ]);
    expect(chunks[0]!.samples).toEqual(new Float32Array(800).fill(0.5));
    expect(chunks[1]!.samples.subarray(0, 2000)).toEqual(new Float32Array(2000));
    expect(chunks[1]!.samples.subarray(2000)).toEqual(new Float32Array(1600).fill(0.25));
    expect(chunks[0]!.words).toEqual([{ word: 'w0', start: 0.01, end: 0.1 }]);
    expect(chunks[1]!.words).toEqual([{ word: 'w1', start: 0.36, end: 0.55 }]);
  });
});

describe('encodeChunks', () => {
  it('gives bytes that join into one file, the encoder tail with the last chunk', async () => {
    const chunks = await collect(timedChunks(sentences(sentence(0, 800, 0.5), sentence(1, 400, -0.5)), 2));
    const encoded = await collect(encodeChunks(replay(chunks), new StreamingWavEncoder(RATE)));

    const joined = Buffer.concat(encoded.map((chunk) => chunk.bytes));
    expect(joined.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const whole = new Float32Array(800 + 2000 + 400);
    whole.set(chunks[0]!.samples);
    whole.set(chunks[1]!.samples, 800);
    expect(joined.subarray(44)).toEqual(Buffer.from(encodePcm(pcmAudio(RATE, whole))));
    expect(encoded[0]!.bytes.length).toBe(44 + 800 * 2);
  });
});

describe('primed', () => {
  it('throws a failure before the first item, and yields every item after it', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield* [];
      throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'full');
    }
    await expect(primed(failing())).rejects.toMatchObject({ code: 'OVERLOADED' });

    let pulled = 0;
    async function* counting(): AsyncGenerator<number> {
      for (let i = 1; i <= 5; i++) {
        pulled = i;
        yield i;
      }
    }
    const ready = await primed(counting());
    expect(pulled).toBe(1);
    expect(await ready.next()).toEqual({ done: false, value: 1 });
    expect(await ready.next()).toEqual({ done: false, value: 2 });
    await ready.return(undefined);
    expect(pulled).toBe(2);
    expect(await collect(await primed(counting()))).toEqual([1, 2, 3, 4, 5]);
  });
});

async function* replay(chunks: AudioChunk[]): AsyncGenerator<AudioChunk> {
  yield* chunks;
}
