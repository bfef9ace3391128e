import { Logger } from '@nestjs/common';
import * as ort from 'onnxruntime-node';
import type { VoiceDefinition } from '../voices/piper-voice-config.js';

export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface VoiceSessionOptions {
  threads: number;
  provider: ExecutionProvider;
}

/** One onnxruntime session for one Piper voice; runs one row (one sentence) at a time. */
export class VoiceSession {
  private constructor(
    readonly voice: VoiceDefinition,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
  ) {}

  static async open(voice: VoiceDefinition, modelPath: string, options: VoiceSessionOptions): Promise<VoiceSession> {
    const logger = new Logger('VoiceSession');
    const create = (provider: ExecutionProvider) =>
      ort.InferenceSession.create(modelPath, {
        executionProviders: [provider],
        intraOpNumThreads: options.threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
    if (options.provider !== 'cpu') {
      try {
        return new VoiceSession(voice, await create(options.provider), options.provider);
      } catch (error) {
        logger.warn(`Voice ${voice.name}: execution provider ${options.provider} unavailable, using cpu (${String(error)})`);
      }
    }
    return new VoiceSession(voice, await create('cpu'), 'cpu');
  }

  /** Audio samples (float, the voice's rate) for one phoneme-id row. */
  async infer(ids: readonly number[], speakerId: number, lengthScale: number): Promise<Float32Array> {
    const feeds: Record<string, ort.Tensor> = {
      input: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
      scales: new ort.Tensor('float32', Float32Array.from([this.voice.scales.noise, lengthScale, this.voice.scales.noiseW]), [3]),
    };
    if (this.session.inputNames.includes('sid')) {
      feeds['sid'] = new ort.Tensor('int64', BigInt64Array.from([BigInt(speakerId)]), [1]);
    }
    const outputs = await this.session.run(feeds);
    const output = outputs[this.session.outputNames[0]!]!;
    return Float32Array.from(output.data as Float32Array);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
