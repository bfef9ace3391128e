import { Module } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApplicationError, SynthesisErrorCode, SynthesizeSpeechCommand, type PayloadOf, type SynthesisResultView } from '#contracts';
import { FilesHttpController } from '../files/files.http.controller.js';
import { createAccessTestGateway } from '../testing/create-access-test-gateway.js';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { forgeAccessToken } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { OpenAiGatewayModule } from './openai-gateway.module.js';

const AUDIO = Buffer.from('ID3-fake-mp3-bytes');

/** Stands in for the files download route that SynthesizedAudioResponder hands the stored audio to. */
class FakeFilesDownload {
  readonly downloads: Array<{ fileId: string; query: unknown }> = [];

  async download(fileId: string, query: unknown, _request: unknown, reply: FastifyReply): Promise<FastifyReply> {
    this.downloads.push({ fileId, query });
    return reply.code(200).type('audio/mpeg').send(AUDIO);
  }
}

describe('POST /v1/audio/speech (OpenAI-compatible; synthesis service faked on the bus)', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  let received: Array<PayloadOf<typeof SynthesizeSpeechCommand>>;
  let files: FakeFilesDownload;
  const headers = { authorization: `Bearer ${forgeAccessToken({ sub: 'usr_speaker' })}` };

  beforeEach(async () => {
    received = [];
    files = new FakeFilesDownload();
    backend = new InProcessBackend();
    await backend.startService('synthesis', (bus) => {
      bus.handle(SynthesizeSpeechCommand, async (payload): Promise<SynthesisResultView> => {
        received.push(payload);
        if (payload.text === 'busy') throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full');
        return {
          synthesis_id: 'syn_1',
          file_id: 'file_1',
          audio_url: '/api/v1/files/file_1?expires=1795000000&signature=c2ln',
          duration: 1.5,
          format: payload.config?.output_format ?? 'wav',
          sample_rate: 16000,
        };
      });
    });
    @Module({ providers: [{ provide: FilesHttpController, useValue: files }] })
    class FakeFilesModule {}
    gateway = await createAccessTestGateway({
      backend,
      controllers: [],
      // Room for an over-long input to reach validation.
      bodyLimitBytes: 64 * 1024,
      imports: [FakeFilesModule, OpenAiGatewayModule],
    });
  });

  afterEach(async () => {
    await gateway.close();
    await backend.close();
  });

  const speech = (json: unknown, requestHeaders: Record<string, string> = headers) =>
    gateway.http.post('/v1/audio/speech', { headers: requestHeaders, json });

  it('answers the bare audio of an mp3 by default, for an OpenAI voice name, through the signed URL', async () => {
    const response = await speech({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.text).toBe(AUDIO.toString());
    expect(received).toEqual([
      { user_id: 'usr_speaker', text: 'Hello', voice_id: 'en_US-voxify-low:slt', config: { output_format: 'mp3' } },
    ]);
    expect(files.downloads).toEqual([{ fileId: 'file_1', query: { expires: '1795000000', signature: 'c2ln' } }]);
  });

  it('maps formats, speed, and our own voice ids and models', async () => {
    const cases: Array<[Record<string, unknown>, PayloadOf<typeof SynthesizeSpeechCommand>['config'], string]> = [
      [{ response_format: 'opus', voice: 'onyx' }, { output_format: 'ogg' }, 'en_US-voxify-low:rms'],
      [{ response_format: 'flac', voice: 'verse', speed: 0.25 }, { output_format: 'flac', speed: 0.25 }, 'en_US-voxify-low:kal'],
      [{ response_format: 'wav', voice: 'sage', speed: 4 }, { output_format: 'wav', speed: 4 }, 'en_US-voxify-low:awb'],
      [
        { response_format: 'pcm', voice: 'en_US-voxify-low:rms', model: 'en_US-voxify-low' },
        { output_format: 'pcm', sample_rate: 24000 },
        'en_US-voxify-low:rms',
      ],
    ];
    for (const [fields, config, voiceId] of cases) {
      received = [];
      const response = await speech({ model: 'gpt-4o-mini-tts', input: 'Hi', instructions: 'Cheerful', ...fields });
      expect(response.status).toBe(200);
      expect(received).toEqual([{ user_id: 'usr_speaker', text: 'Hi', voice_id: voiceId, config }]);
    }
  });

  it('refuses aac and out-of-range fields in our error envelope, before the service is asked', async () => {
    const aac = await speech({ model: 'tts-1', voice: 'alloy', input: 'Hi', response_format: 'aac' });
    expect(aac.status).toBe(400);
    expect(aac.json()).toMatchObject({ success: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    expect(aac.json().error.message).toContain('aac');
    const flacStream = await speech({ model: 'tts-1', voice: 'alloy', input: 'Hi', response_format: 'flac', stream_format: 'sse' });
    expect(flacStream.status).toBe(400);
    expect(flacStream.json().error.code).toBe('UNSUPPORTED_FORMAT');
    for (const invalid of [
      { voice: 'alloy', input: 'Hi' },
      { model: 'tts-1', voice: 'alloy', input: '' },
      { model: 'tts-1', voice: 'alloy', input: 'x'.repeat(4097) },
      { model: 'tts-1', voice: 'alloy', input: 'Hi', speed: 4.5 },
      { model: 'tts-1', voice: 'alloy', input: 'Hi', response_format: 'ogg' },
    ]) {
      const response = await speech(invalid);
      expect(response.status).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_ERROR');
    }
    expect(received).toEqual([]);
  });

  it('needs credentials, is not served under /api/v1, and passes on OVERLOADED with Retry-After', async () => {
    expect((await speech({ model: 'tts-1', voice: 'alloy', input: 'Hi' }, {})).status).toBe(401);
    expect(
      (await gateway.http.post('/api/v1/v1/audio/speech', { headers, json: { model: 'tts-1', voice: 'alloy', input: 'Hi' } })).status,
    ).toBe(404);
    const busy = await speech({ model: 'tts-1', voice: 'alloy', input: 'busy' });
    expect(busy.status).toBe(503);
    expect(busy.json().error.code).toBe('OVERLOADED');
    expect(busy.headers.get('retry-after')).toBe('1');
  });
});
