import { request } from 'node:http';
import {
  ApplicationError,
  PlanSynthesisQuery,
  RenderSentenceQuery,
  SynthesisErrorCode,
  type PayloadOf,
  type RenderedSentenceView,
  type SynthesisPlanView,
} from '#contracts';
import { createAccessTestGateway } from '../testing/create-access-test-gateway.js';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { eventually } from '../testing/eventually.js';
import { forgeAccessToken } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { TtsGatewayModule } from './tts-gateway.module.js';

const RATE = 16000;
/** Samples of each fake sentence. */
const SENTENCE_SAMPLES = 1600;

function planOf(payload: PayloadOf<typeof PlanSynthesisQuery>, count: number): SynthesisPlanView {
  return {
    synthesis_id: 'syn_1',
    voice_id: payload.voice_id ?? 'v:a',
    sample_rate: payload.config?.sample_rate ?? RATE,
    format: payload.config?.output_format ?? 'wav',
    sentences: Array.from({ length: count }, (_, index) => ({ index, text: `${payload.text} ${index}`, pauseAfter: 0.25 })),
    estimated_duration: count,
  };
}

function renderedPcm(index: number, rate: number): RenderedSentenceView {
  const pcm = Buffer.alloc(SENTENCE_SAMPLES * 2);
  for (let i = 0; i < SENTENCE_SAMPLES; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
  return { index, audio: pcm.toString('base64'), sample_rate: rate, duration: SENTENCE_SAMPLES / rate, pause_after: 0.25 };
}

describe('POST /api/v1/tts/stream (gateway side, synthesis faked on the bus)', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  let renders: Array<PayloadOf<typeof RenderSentenceQuery>>;
  const headers = { authorization: `Bearer ${forgeAccessToken({ sub: 'usr_speaker' })}`, 'content-type': 'application/json' };

  beforeEach(async () => {
    renders = [];
    backend = new InProcessBackend();
    await backend.startService('synthesis', (bus) => {
      bus.handle(PlanSynthesisQuery, async (payload) => {
        if (payload.voice_id === 'nobody') throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, 'No voice nobody');
        return planOf(payload, payload.text === 'long' ? 12 : 3);
      });
      bus.handle(RenderSentenceQuery, async (payload) => {
        renders.push(payload);
        const text = payload.sentence.text;
        if (text === 'busy 0') throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full');
        if (text === 'breaks 1') throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full');
        if (text.startsWith('long')) await new Promise((resolve) => setTimeout(resolve, 30));
        return renderedPcm(payload.sentence.index, payload.config.sample_rate ?? RATE);
      });
    });
    gateway = await createAccessTestGateway({
      backend,
      controllers: [],
      imports: [TtsGatewayModule],
    });
  });

  afterEach(async () => {
    await gateway.close();
    await backend.close();
  });

  const stream = (body: unknown, signal?: AbortSignal) =>
    fetch(`${gateway.http.baseUrl}/api/v1/tts/stream`, { method: 'POST', headers, body: JSON.stringify(body), signal });

  it('sends every sentence with the pauses between them as chunked PCM', async () => {
    const response = await stream({ text: 'Hello', config: { output_format: 'pcm', sample_rate: 24000, speed: 1.5, volume: 0.5 } });
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-type')).toBe('audio/pcm');
    expect(response.headers.get('x-sample-rate')).toBe('24000');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe((3 * SENTENCE_SAMPLES + 2 * 0.25 * 24000) * 2);
    expect(renders.map((render) => render.config)).toEqual(Array(3).fill({ sample_rate: 24000, speed: 1.5, volume: 0.5 }));
  });

  it('answers failures before the first byte with the JSON envelope (Retry-After when overloaded)', async () => {
    const unknown = await stream({ text: 'Hello', voice_id: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ success: false, error: { code: 'VOICE_NOT_FOUND' } });

    const busy = await stream({ text: 'busy' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ success: false, error: { code: 'OVERLOADED' } });

    const flac = await stream({ text: 'Hello', config: { output_format: 'flac' } });
    expect(flac.status).toBe(400);
    expect(await flac.json()).toMatchObject({ error: { code: 'UNSUPPORTED_FORMAT' } });
  });

  it('ends the transfer without its final chunk when a sentence fails after the first byte', async () => {
    const response = await stream({ text: 'breaks', config: { output_format: 'wav' } });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('stops requesting sentences when the client goes away', async () => {
    // A plain socket-level client that hangs up after the first bytes, as a closed browser tab does.
    const url = new URL(`${gateway.http.baseUrl}/api/v1/tts/stream`);
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(url, { method: 'POST', headers }, (incoming) => {
        incoming.once('data', () => {
          outgoing.destroy();
          resolve();
        });
      });
      outgoing.once('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
      outgoing.end(JSON.stringify({ text: 'long' }));
    });
    await eventually('the abandoned stream to settle', async () => {
      const before = renders.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return renders.length === before;
    });
    expect(renders.length).toBeLessThan(12);
  });
});
