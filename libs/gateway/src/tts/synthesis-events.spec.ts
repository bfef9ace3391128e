import { ApplicationError, SynthesisErrorCode, type SynthesisPlanView } from '#contracts';
import type { SentenceStream, StreamedSentence } from './sentence-streamer.js';
import { STREAM_AUDIO_FORMATS } from './stream-audio-formats.js';
import { formatServerSentEvent, synthesisEvents, type SynthesisEvent } from './synthesis-events.js';

const RATE = 16000;

const PLAN: SynthesisPlanView = {
  synthesis_id: 'syn_1',
  voice_id: 'en_US-voxify-low:slt',
  sample_rate: RATE,
  format: 'wav',
  sentences: [
    { index: 0, text: 'One.', pauseAfter: 0.25 },
    { index: 1, text: 'Two.', pauseAfter: 0.25 },
  ],
  estimated_duration: 1.2,
};

function tone(index: number, seconds: number): StreamedSentence {
  const samples = new Float32Array(Math.round(seconds * RATE)).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / RATE));
  return { index, samples, sampleRate: RATE, pauseAfter: 0.25, words: [] };
}

function streamOf(source: () => AsyncGenerator<StreamedSentence>): SentenceStream {
  return { plan: PLAN, sentences: source() };
}

async function collect(events: AsyncIterable<SynthesisEvent>): Promise<SynthesisEvent[]> {
  const all: SynthesisEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('synthesisEvents', () => {
  it('sends job_info, a whole file and progress per sentence, then stores the joined audio and completes', async () => {
    const stored: number[] = [];
    const events = await collect(
      synthesisEvents(
        streamOf(async function* () {
          yield tone(0, 0.5);
          yield tone(1, 0.75);
        }),
        {
          format: STREAM_AUDIO_FORMATS.wav,
          store: async (audio) => {
            stored.push(audio.samples.length);
            return { fileId: 'file_1', audioUrl: 'http://api.test/api/v1/files/file_1?expires=1&signature=s' };
          },
        },
      ),
    );

    expect(events.map((event) => event.type)).toEqual([
      'job_info',
      'progress',
      'audio_chunk',
      'progress',
      'audio_chunk',
      'progress',
      'completed',
    ]);
    expect(events[0]).toEqual({ type: 'job_info', synthesis_id: 'syn_1', estimated_duration: 1.2 });
    const chunks = events.filter((event) => event.type === 'audio_chunk');
    expect(chunks.map(({ chunk_id, duration, sample_rate, format }) => ({ chunk_id, duration, sample_rate, format }))).toEqual([
      { chunk_id: 1, duration: 0.5, sample_rate: RATE, format: 'wav' },
      { chunk_id: 2, duration: 1, sample_rate: RATE, format: 'wav' },
    ]);
    // A whole WAV file each: header with the real sizes, then 1 s of 16-bit samples (the pause, then the sentence).
    const second = Buffer.from(chunks[1]!.audio, 'base64');
    expect(second.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(second.readUInt32LE(40)).toBe(RATE * 2);
    expect(second.length).toBe(44 + RATE * 2);
    expect(stored).toEqual([1.5 * RATE]);
    expect(events.at(-1)).toEqual({
      type: 'completed',
      synthesis_id: 'syn_1',
      file_id: 'file_1',
      duration: 1.5,
      audio_url: 'http://api.test/api/v1/files/file_1?expires=1&signature=s',
    });
    expect(formatServerSentEvent(events[0]!)).toBe(`data: ${JSON.stringify(events[0])}\n\n`);
  });

  it('ends with an error event, storing nothing, when a sentence fails after the stream began', async () => {
    const failures: unknown[] = [];
    let stores = 0;
    const events = await collect(
      synthesisEvents(
        streamOf(async function* () {
          yield tone(0, 0.5);
          throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full; retry shortly');
        }),
        {
          format: STREAM_AUDIO_FORMATS.mp3,
          store: async () => {
            stores++;
            return { fileId: 'file_1', audioUrl: '/x' };
          },
          onError: (error) => failures.push(error),
        },
      ),
    );

    expect(events.map((event) => event.type)).toEqual(['job_info', 'progress', 'audio_chunk', 'progress', 'error']);
    expect(events.at(-1)).toEqual({ type: 'error', code: 'OVERLOADED', message: 'The synthesis queue is full; retry shortly' });
    expect(stores).toBe(0);
    expect(failures).toHaveLength(1);
  });
});
