import { Injectable } from '@nestjs/common';
import { ListVoicesQuery, RenderCandidateQuery, SpeakerTableQuery } from '#contracts';
import { MessageBus } from '#messaging';
import { CandidateRenderer, type FitterCandidate, type RenderedSpeech } from '../../application/ports/fitter-candidate-renderer.js';

/** A render can wait behind other synthesis work in the engine's queue. */
const RENDER_TIMEOUT_MS = 60_000;

/** The synthesis service as the fitter's speech engine, over the bus (nothing is stored there). */
@Injectable()
export class BusFitterCandidateRenderer extends CandidateRenderer {
  constructor(private readonly bus: MessageBus) {
    super();
  }

  async baseVoice(): Promise<{ voice: string; language: string }> {
    const { voices, default_voice_id } = await this.bus.query(ListVoicesQuery, {});
    const view = voices.find((candidate) => candidate.voice_id === default_voice_id) ?? voices[0];
    if (!view) throw new Error('The synthesis service offers no voice');
    return { voice: view.name, language: view.language };
  }

  async speakers(voice: string): Promise<string[]> {
    return (await this.bus.query(SpeakerTableQuery, { voice })).speakers;
  }

  async render(candidate: FitterCandidate): Promise<RenderedSpeech> {
    const rendered = await this.bus.query(
      RenderCandidateQuery,
      {
        voice: candidate.voice,
        text: candidate.text,
        ...(candidate.mixWeights ? { mix_weights: candidate.mixWeights } : {}),
        ...(candidate.embedding ? { embedding: candidate.embedding } : {}),
        ...(candidate.pitch === undefined ? {} : { pitch: candidate.pitch }),
        ...(candidate.speed === undefined ? {} : { speed: candidate.speed }),
        ...(candidate.spectralGainsDb?.length ? { spectral_gains_db: candidate.spectralGainsDb } : {}),
      },
      { timeoutMs: RENDER_TIMEOUT_MS },
    );
    return { samples: decodeS16le(Buffer.from(rendered.pcm_s16le_base64, 'base64')), sampleRate: rendered.sample_rate };
  }
}

function decodeS16le(bytes: Buffer): Float32Array {
  const samples = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2) / 32768;
  return samples;
}
