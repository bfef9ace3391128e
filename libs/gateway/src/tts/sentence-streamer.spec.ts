import {
  ApplicationError,
  PlanSynthesisQuery,
  RenderSentenceQuery,
  SynthesisErrorCode,
  type PayloadOf,
  type RenderedSentenceView,
  type SynthesisPlanView,
} from '#contracts';
import { eventually } from '../testing/eventually.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SentenceStreamer, type StreamedSentence } from './sentence-streamer.js';

type RenderPayload = PayloadOf<typeof RenderSentenceQuery>;

/** A render the test finishes when it chooses. */
interface PendingRender {
  payload: RenderPayload;
  finish(): void;
  fail(error: Error): void;
}

const RATE = 8000;

function plan(sentenceCount: number): SynthesisPlanView {
  return {
    synthesis_id: 'syn_1',
    voice_id: 'en_US-voxify-low:slt',
    sample_rate: RATE,
    format: 'wav',
    sentences: Array.from({ length: sentenceCount }, (_, index) => ({ index, text: `Sentence ${index}.`, pauseAfter: 0.25 })),
    estimated_duration: sentenceCount,
  };
}

/** index + 1 samples of value (index + 1) / 10, so each sentence is recognisable once decoded. */
function rendered(index: number): RenderedSentenceView {
  const pcm = Buffer.alloc((index + 1) * 2);
  for (let i = 0; i <= index; i++) pcm.writeInt16LE(Math.round(((index + 1) / 10) * 32767), i * 2);
  return { index, audio: pcm.toString('base64'), sample_rate: RATE, duration: (index + 1) / RATE, pause_after: 0.25 };
}

describe('SentenceStreamer (synthesis faked on the in-process bus)', () => {
  let backend: InProcessBackend;
  let renders: PendingRender[];
  let planned: Array<PayloadOf<typeof PlanSynthesisQuery>>;
  let sentenceCount: number;

  beforeEach(async () => {
    renders = [];
    planned = [];
    sentenceCount = 5;
    backend = new InProcessBackend();
    await backend.startService('synthesis', (bus) => {
      bus.handle(PlanSynthesisQuery, async (payload) => {
        planned.push(payload);
        if (payload.voice_id === 'nobody') throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, 'No voice nobody');
        return plan(sentenceCount);
      });
      bus.handle(
        RenderSentenceQuery,
        (payload) =>
          new Promise<RenderedSentenceView>((resolve, reject) => {
            renders.push({ payload, finish: () => resolve(rendered(payload.sentence.index)), fail: reject });
          }),
      );
    });
    await backend.gatewayBus.start();
  });

  afterEach(async () => {
    for (const render of renders) render.finish();
    await backend.close();
  });

  const request = { user_id: 'usr_1', text: 'Many sentences.', config: { output_format: 'mp3' as const, speed: 1.5, volume: 0.5 } };

  it('renders the first sentence alone, then keeps at most `window` in flight and yields them in order when they finish out of order', async () => {
    const streamer = new SentenceStreamer(backend.gatewayBus, 2);
    const stream = await streamer.open(request);
    expect(stream.plan.sentences).toHaveLength(5);
    expect(planned).toEqual([request]);

    const received: StreamedSentence[] = [];
    const consuming = (async () => {
      for await (const sentence of stream.sentences) received.push(sentence);
    })();

    await eventually('the first render', () => renders.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders.map((render) => render.payload)).toEqual([
      {
        voice_id: 'en_US-voxify-low:slt',
        sentence: plan(5).sentences[0],
        config: { speed: 1.5, volume: 0.5, sample_rate: RATE },
        user_id: 'usr_1',
      },
    ]);
    renders[0]!.finish();
    await eventually('3 renders', () => renders.length === 3);
    expect(renders[2]!.payload.sentence).toEqual(plan(5).sentences[2]);
    // The third finishes first: nothing more is yielded and nothing more requested until the second is done.
    renders[2]!.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((sentence) => sentence.index)).toEqual([0]);
    expect(renders).toHaveLength(3);

    renders[1]!.finish();
    await eventually('5 renders', () => renders.length === 5);
    renders[4]!.finish();
    renders[3]!.finish();
    await consuming;

    expect(received.map((sentence) => sentence.index)).toEqual([0, 1, 2, 3, 4]);
    expect(received[2]!.samples).toHaveLength(3);
    expect(received[2]!.samples[0]).toBeCloseTo(0.3, 3);
    expect(received[2]).toMatchObject({ sampleRate: RATE, pauseAfter: 0.25, words: [] });
  });

  it('requests no more sentences once the consumer stops or the signal aborts', async () => {
    const streamer = new SentenceStreamer(backend.gatewayBus, 2);
    const stopped = await streamer.open(request);
    const first = stopped.sentences.next();
    await eventually('the first render', () => renders.length === 1);
    renders[0]!.finish();
    expect((await first).value?.index).toBe(0);
    await stopped.sentences.return();
    // The two behind the first were already asked for when it finished; nothing after them.
    await eventually('3 renders', () => renders.length === 3);
    renders[1]!.finish();
    renders[2]!.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders).toHaveLength(3);

    renders = [];
    const aborting = new AbortController();
    const aborted = await streamer.open(request, aborting.signal);
    const next = aborted.sentences.next();
    await eventually('the first render', () => renders.length === 1);
    aborting.abort();
    renders[0]!.finish();
    expect(await next).toEqual({ done: true, value: undefined });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders).toHaveLength(1);
  });

  it('throws plan errors from open and render errors from the iteration, stopping there', async () => {
    const streamer = new SentenceStreamer(backend.gatewayBus, 3);
    await expect(streamer.open({ ...request, voice_id: 'nobody' })).rejects.toMatchObject({ code: 'VOICE_NOT_FOUND' });
    expect(renders).toHaveLength(0);

    const stream = await streamer.open(request);
    const consuming = (async () => {
      const indexes: number[] = [];
      for await (const sentence of stream.sentences) indexes.push(sentence.index);
      return indexes;
    })();
    await eventually('the first render', () => renders.length === 1);
    renders[0]!.finish();
    await eventually('3 more renders', () => renders.length === 4);
    renders[1]!.fail(new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full'));
    await expect(consuming).rejects.toMatchObject({ code: 'OVERLOADED' });
    renders[2]!.finish();
    renders[3]!.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders).toHaveLength(4);
  });
});
