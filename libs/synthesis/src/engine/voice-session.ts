import { readFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import * as ort from 'onnxruntime-node';
import type { VoiceDefinition } from '../voices/piper-voice-config.js';
import {
  InferenceBatcher,
  type BatchingOptions,
  type InferenceGroup,
  type InferenceResult,
  type InferenceRow,
} from './inference-batcher.js';
import { editOnnxModel } from './onnx-model-edit.js';

export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface VoiceSessionOptions extends Partial<BatchingOptions> {
  threads: number;
  provider: ExecutionProvider;
}

/** Graph inputs with initializer defaults; onnxruntime-node ignores feeds for them unless the defaults are removed. */
const SPEAKER_EMBEDDING = 'speaker_embedding';
const SPEAKER_EMBEDDING_WEIGHT = 'speaker_embedding_weight';

/**
 * One onnxruntime session for one Piper voice. Concurrent rows are micro-batched (InferenceBatcher).
 * The model is loaded from memory with two edits: the speaker-embedding defaults are removed (so
 * they can be fed) and the length regulator's per-id durations are added as an output (row lengths
 * in a batch, word timings).
 */
export class VoiceSession {
  private readonly batcher: InferenceBatcher;
  private readonly zeroEmbedding: Float32Array | undefined;

  private constructor(
    readonly voice: VoiceDefinition,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
    private readonly durationsOutput: string | undefined,
    batching: Partial<BatchingOptions>,
  ) {
    this.batcher = new InferenceBatcher((rows, group) => this.runBatch(rows, group), batching);
    const dim = voice.speakerEmbeddings?.dim;
    this.zeroEmbedding = dim && this.acceptsSpeakerEmbedding ? new Float32Array(dim) : undefined;
  }

  static async open(voice: VoiceDefinition, modelPath: string, options: VoiceSessionOptions): Promise<VoiceSession> {
    const logger = new Logger('VoiceSession');
    const edited = editOnnxModel(await readFile(modelPath), {
      removeInitializers: voice.speakerEmbeddings ? [SPEAKER_EMBEDDING, SPEAKER_EMBEDDING_WEIGHT] : [],
      exposeDurations: true,
    });
    const create = (provider: ExecutionProvider) =>
      ort.InferenceSession.create(edited.bytes, {
        executionProviders: [provider],
        intraOpNumThreads: options.threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
    const batching = {
      ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
      ...(options.batchWaitMs !== undefined ? { batchWaitMs: options.batchWaitMs } : {}),
    };
    let opened: VoiceSession | undefined;
    if (options.provider !== 'cpu') {
      try {
        opened = new VoiceSession(voice, await create(options.provider), options.provider, edited.durationsOutput, batching);
      } catch (error) {
        logger.warn(
          `Voice ${voice.name}: execution provider ${options.provider} unavailable, falling back to cpu: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    opened ??= new VoiceSession(voice, await create('cpu'), 'cpu', edited.durationsOutput, batching);
    if (voice.speakerEmbeddings && !opened.acceptsSpeakerEmbedding) {
      logger.warn(
        `Voice ${voice.name}: the config has speaker embeddings but the model has no ${SPEAKER_EMBEDDING} input; mixes are refused`,
      );
    }
    logger.log(`Voice ${voice.name}: ${opened.provider} execution provider, ${options.threads} thread(s)`);
    return opened;
  }

  /** Whether `speaker_embedding` / `speaker_embedding_weight` can be fed (speaker mixes, custom speakers). */
  get acceptsSpeakerEmbedding(): boolean {
    return this.session.inputNames.includes(SPEAKER_EMBEDDING) && this.session.inputNames.includes(SPEAKER_EMBEDDING_WEIGHT);
  }

  /** Audio (float, the voice's rate) and per-id durations for one phoneme-id row; concurrent calls share batches. */
  infer(row: InferenceRow, group: InferenceGroup): Promise<InferenceResult> {
    if (group.embedding && !this.zeroEmbedding) throw new Error(`Voice ${this.voice.name} does not take a speaker embedding`);
    if (group.embedding && group.embedding.length !== this.zeroEmbedding!.length) {
      throw new RangeError(
        `Voice ${this.voice.name}: a speaker embedding has ${this.zeroEmbedding!.length} values, got ${group.embedding.length}`,
      );
    }
    return this.batcher.submit(row, group);
  }

  /** One run of up to maxBatch rows: ids padded with 0, each row's audio cut to its own length. */
  async runBatch(rows: readonly InferenceRow[], group: InferenceGroup): Promise<InferenceResult[]> {
    const width = Math.max(...rows.map((row) => row.ids.length));
    const input = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => row.ids.forEach((id, i) => (input[r * width + i] = BigInt(id))));
    const feeds: Record<string, ort.Tensor> = {
      input: new ort.Tensor('int64', input, [rows.length, width]),
      input_lengths: new ort.Tensor(
        'int64',
        BigInt64Array.from(rows, (row) => BigInt(row.ids.length)),
        [rows.length],
      ),
      scales: new ort.Tensor('float32', Float32Array.from([this.voice.scales.noise, group.lengthScale, this.voice.scales.noiseW]), [3]),
    };
    if (this.session.inputNames.includes('sid')) {
      feeds['sid'] = new ort.Tensor(
        'int64',
        BigInt64Array.from(rows, (row) => BigInt(row.sid)),
        [rows.length],
      );
    }
    if (this.zeroEmbedding) {
      const embedding = group.embedding ?? this.zeroEmbedding;
      feeds[SPEAKER_EMBEDDING] = new ort.Tensor('float32', embedding, [1, embedding.length]);
      feeds[SPEAKER_EMBEDDING_WEIGHT] = new ort.Tensor('float32', Float32Array.from([group.embedding ? 1 : 0]), [1]);
    }
    const outputs = await this.session.run(feeds);
    const audio = outputs[this.session.outputNames[0]!]!.data as Float32Array;
    const stride = audio.length / rows.length;
    const durations = this.durationsOutput ? (outputs[this.durationsOutput]?.data as Float32Array | undefined) : undefined;
    if (!durations || durations.length !== rows.length * width) {
      return rows.map((_, r) => ({
        samples: audio.slice(r * stride, r * stride + (rows.length === 1 ? stride : trimmedLength(audio, r * stride, stride))),
      }));
    }
    const rowDurations = rows.map((row, r) => durations.slice(r * width, r * width + row.ids.length));
    const frames = rowDurations.map((row) => row.reduce((sum, value) => sum + value, 0));
    // The longest row fills the output, which gives the samples per frame without trusting the config.
    const longest = Math.max(...frames);
    const hop = longest > 0 ? stride / longest : 0;
    return rows.map((_, r) => ({
      samples: audio.slice(r * stride, r * stride + Math.round(frames[r]! * hop)),
      durations: rowDurations[r]!,
    }));
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** Without durations: the model writes exact zeros past a row's end. */
function trimmedLength(audio: Float32Array, start: number, stride: number): number {
  let end = stride;
  while (end > 0 && audio[start + end - 1] === 0) end--;
  return end;
}
