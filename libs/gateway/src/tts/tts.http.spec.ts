import {
  ApplicationError,
  ListVoicesQuery,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  type PayloadOf,
  type SynthesisResultView,
} from '#contracts';
import { createAccessTestGateway } from '../testing/create-access-test-gateway.js';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { forgeAccessToken } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { OVERLOADED_RETRY_AFTER_SECONDS } from './tts.http.controller.js';
import { TtsGatewayModule } from './tts-gateway.module.js';

const RESULT: SynthesisResultView = {
  synthesis_id: 'syn_1',
  file_id: 'file_1',
  audio_url: '/api/v1/files/file_1?expires=1795000000&signature=c2ln',
  duration: 1.25,
  format: 'wav',
  sample_rate: 16000,
};

describe('TTS routes (gateway side, synthesis service faked on the bus)', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  let received: Array<PayloadOf<typeof SynthesizeSpeechCommand>>;
  const headers = { authorization: `Bearer ${forgeAccessToken({ sub: 'usr_speaker' })}` };

  beforeEach(async () => {
    received = [];
    backend = new InProcessBackend();
    await backend.startService('synthesis', (bus) => {
      bus.handle(SynthesizeSpeechCommand, async (payload) => {
        received.push(payload);
        if (payload.text === 'busy') throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full');
        return RESULT;
      });
      bus.handle(ListVoicesQuery, async () => ({ voices: [], default_voice_id: 'v:a' }));
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

  it("sends the caller's request to the service and makes the signed path absolute on the request's origin", async () => {
    const response = await gateway.http.post('/api/v1/tts/synthesize', {
      headers,
      json: { text: 'Hello', voice_id: 'v:a', config: { speed: 1.5, pitch: 1.5, volume: 0.5, sample_rate: 22050, timestamps: true } },
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ success: true, data: { ...RESULT, audio_url: `${gateway.http.baseUrl}${RESULT.audio_url}` } });
    expect(received).toEqual([
      {
        user_id: 'usr_speaker',
        text: 'Hello',
        voice_id: 'v:a',
        config: { speed: 1.5, pitch: 1.5, volume: 0.5, sample_rate: 22050, timestamps: true },
      },
    ]);
  });

  it.each([{ pitch: 0 }, { pitch: 2.5 }, { timestamps: 'yes' }])('refuses config %j with 400 VALIDATION_ERROR', async (config) => {
    const response = await gateway.http.post('/api/v1/tts/synthesize', { headers, json: { text: 'Hello', config } });
    expect(response.status).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_ERROR');
    expect(received).toEqual([]);
  });

  it('answers 503 OVERLOADED with Retry-After when the synthesis queue is full', async () => {
    const response = await gateway.http.post('/api/v1/tts/synthesize', { headers, json: { text: 'busy' } });
    expect(response.status).toBe(503);
    expect(response.json().error.code).toBe('OVERLOADED');
    expect(response.headers.get('retry-after')).toBe(String(OVERLOADED_RETRY_AFTER_SECONDS));
  });

  it('needs credentials for both routes', async () => {
    expect((await gateway.http.get('/api/v1/tts/voices')).status).toBe(401);
    expect((await gateway.http.post('/api/v1/tts/synthesize', { json: { text: 'Hello' } })).status).toBe(401);
    expect((await gateway.http.get('/api/v1/tts/voices', { headers })).json()).toEqual({
      success: true,
      data: { voices: [], default_voice_id: 'v:a' },
    });
  });
});
