import { readFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import type { VoiceDefinition } from '../voices/piper-voice-config.js';
import {
  InferenceBatcher,
  type BatchingOptions,
  type InferenceGroup,
  type InferenceResult,
  type InferenceRow,
} from './inference-batcher.js';
import { editOnnxModel } from './onnx-model-edit.js';
import type { ExecutionProvider, OnnxRunner, RunnerTensor } from './onnx-runner.js';
import { WorkerOnnxRunner } from './worker-onnx-runner.js';

export type { ExecutionProvider } from './onnx-runner.js';

export interface VoiceSessionOptions extends Partial<BatchingOptions> {
  /** onnxruntime's intra-op threads of the first inference worker. */
  threads: number;
  provider: ExecutionProvider;
  /**
   * Inference workers (threads), each with its own session; batches run on them side by side
   * (default 1). The first takes every batch while it is free, with `threads` threads, so a lone
   * request is as fast as it can be; the others take the overflow with one thread each, so that
   * under load the cores run more sentences at once instead of splitting one.
   */
  workers?: number;
}

/** Graph inputs with initializer defaults; onnxruntime-node ignores feeds for them unless the defaults are removed. */
const SPEAKER_EMBEDDING = 'speaker_embedding';
const SPEAKER_EMBEDDING_WEIGHT = 'speaker_embedding_weight';

/**
 * One Piper voice on one or more inference threads (each its own onnxruntime session, so inference
 * never blocks the service's event loop). Concurrent rows are micro-batched (InferenceBatcher), and
 * up to one batch per thread runs at a time. The model is loaded from memory with two edits: the
 * speaker-embedding defaults are removed (so they can be fed) and the length regulator's per-id
 * durations are added as an output (row lengths in a batch, word timings).
 */
export class VoiceSession {
  private readonly batcher: InferenceBatcher;
  private readonly zeroEmbedding: Float32Array | undefined;
  private readonly busy: number[];

  private constructor(
    readonly voice: VoiceDefinition,
    private readonly runners: readonly OnnxRunner[],
    private readonly durationsOutput: string | undefined,
    batching: Partial<BatchingOptions>,
  ) {
    this.busy = runners.map(() => 0);
    this.batcher = new InferenceBatcher((rows, group) => this.runBatch(rows, group), { ...batching, concurrentRuns: runners.length });
    const dim = voice.speakerEmbeddings?.dim;
    this.zeroEmbedding = dim && this.acceptsSpeakerEmbedding ? new Float32Array(dim) : undefined;
  }

  static async open(voice: VoiceDefinition, modelPath: string, options: VoiceSessionOptions): Promise<VoiceSession> {
    const logger = new Logger('VoiceSession');
    const readModel = async () =>
      editOnnxModel(await readFile(modelPath), {
        removeInitializers: voice.speakerEmbeddings ? [SPEAKER_EMBEDDING, SPEAKER_EMBEDDING_WEIGHT] : [],
        exposeDurations: true,
      });
    // Read and edited once for all the workers started now (each takes its own copy); a worker
    // started again later reads the file anew, so the bytes are not kept for the service's life.
    const edited = await readModel();
    let startBytes: Uint8Array | undefined = edited.bytes;
    const loadModel = async () => (startBytes ? startBytes.slice() : (await readModel()).bytes);
    let workers = Math.max(1, options.workers ?? 1);
    if (options.provider === 'webgpu' && workers > 1) {
      // Measured on an H100: WebGPU sessions on two threads of one process crash it (segfault).
      logger.warn(`Voice ${voice.name}: webgpu runs on one inference worker (SYNTHESIS_WORKERS=${workers} ignored)`);
      workers = 1;
    }
    const runners: OnnxRunner[] = [];
    try {
      for (let i = 0; i < workers; i++) {
        runners.push(
          await WorkerOnnxRunner.start(loadModel, {
            provider: options.provider,
            threads: i === 0 ? options.threads : 1,
            spinning: workers === 1,
          }),
        );
      }
    } catch (error) {
      await Promise.all(runners.map((runner) => runner.close()));
      throw error;
    } finally {
      startBytes = undefined;
    }
    const batching = {
      ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
      ...(options.batchWaitMs !== undefined ? { batchWaitMs: options.batchWaitMs } : {}),
    };
    const opened = new VoiceSession(voice, runners, edited.durationsOutput, batching);
    if (runners[0]!.fallbackReason !== undefined) {
      logger.warn(
        `Voice ${voice.name}: execution provider ${options.provider} unavailable, falling back to cpu: ${runners[0]!.fallbackReason}`,
      );
    }
    if (voice.speakerEmbeddings && !opened.acceptsSpeakerEmbedding) {
      logger.warn(
        `Voice ${voice.name}: the config has speaker embeddings but the model has no ${SPEAKER_EMBEDDING} input; mixes are refused`,
      );
    }
    logger.log(
      `Voice ${voice.name}: ${opened.provider} execution provider, ${workers} inference worker(s), ${options.threads} onnxruntime thread(s) on the first`,
    );
    return opened;
  }

  /** The provider the voice runs on, after any fallback to cpu. */
  get provider(): ExecutionProvider {
    return this.runners[0]!.provider;
  }

  /** Whether `speaker_embedding` / `speaker_embedding_weight` can be fed (speaker mixes, custom speakers). */
  get acceptsSpeakerEmbedding(): boolean {
    const inputs = this.runners[0]!.inputNames;
    return inputs.includes(SPEAKER_EMBEDDING) && inputs.includes(SPEAKER_EMBEDDING_WEIGHT);
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
    const feeds: Record<string, RunnerTensor> = {
      input: { type: 'int64', data: input, dims: [rows.length, width] },
      input_lengths: { type: 'int64', data: BigInt64Array.from(rows, (row) => BigInt(row.ids.length)), dims: [rows.length] },
      scales: {
        type: 'float32',
        data: Float32Array.from([this.voice.scales.noise, group.lengthScale, this.voice.scales.noiseW]),
        dims: [3],
      },
    };
    const runner = this.leastBusyRunner();
    if (runner.inputNames.includes('sid')) {
      feeds['sid'] = { type: 'int64', data: BigInt64Array.from(rows, (row) => BigInt(row.sid)), dims: [rows.length] };
    }
    if (this.zeroEmbedding) {
      const embedding = group.embedding ?? this.zeroEmbedding;
      feeds[SPEAKER_EMBEDDING] = { type: 'float32', data: embedding, dims: [1, embedding.length] };
      feeds[SPEAKER_EMBEDDING_WEIGHT] = { type: 'float32', data: Float32Array.from([group.embedding ? 1 : 0]), dims: [1] };
    }
    const index = this.runners.indexOf(runner);
    this.busy[index]!++;
    let outputs: Awaited<ReturnType<OnnxRunner['run']>>;
    try {
      outputs = await runner.run(feeds);
    } finally {
      this.busy[index]!--;
    }
    // Rows are views into the one buffer the inference thread handed over: no copy on this thread.
    const audio = outputs[runner.outputNames[0]!]!.data as Float32Array;
    const stride = audio.length / rows.length;
    const durations = this.durationsOutput ? (outputs[this.durationsOutput]?.data as Float32Array | undefined) : undefined;
    if (!durations || durations.length !== rows.length * width) {
      return rows.map((_, r) => ({
        samples: audio.subarray(r * stride, r * stride + (rows.length === 1 ? stride : trimmedLength(audio, r * stride, stride))),
      }));
    }
    const rowDurations = rows.map((row, r) => durations.slice(r * width, r * width + row.ids.length));
    const frames = rowDurations.map((row) => row.reduce((sum, value) => sum + value, 0));
    // The longest row fills the output, which gives the samples per frame without trusting the config.
    const longest = Math.max(...frames);
    const hop = longest > 0 ? stride / longest : 0;
    return rows.map((_, r) => ({
      samples: audio.subarray(r * stride, r * stride + Math.round(frames[r]! * hop)),
      durations: rowDurations[r]!,
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.close()));
  }

  private leastBusyRunner(): OnnxRunner {
    let best = 0;
    for (let i = 1; i < this.runners.length; i++) if (this.busy[i]! < this.busy[best]!) best = i;
    return this.runners[best]!;
  }
}

/** Without durations: the model writes exact zeros past a row's end. */
function trimmedLength(audio: Float32Array, start: number, stride: number): number {
  let end = stride;
  while (end > 0 && audio[start + end - 1] === 0) end--;
  return end;
}
