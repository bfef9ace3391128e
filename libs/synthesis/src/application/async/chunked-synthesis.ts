import type { AudioFormat, SynthesisJobResultView } from '#contracts';
import { JobCancelledError, JobInterruptedError, type JobContext } from '#jobs';
import type { SentencePlan, SentenceSpeech, Speech } from '../../engine/speech-engine.js';
import type { LexiconEntry } from '../../text/lexicon.js';
import {
  chunkBlobKey,
  joinWithPauses,
  pendingChunks,
  planChunks,
  withRenderedChunk,
  type StoredOutput,
  type SynthesisJobState,
} from './synthesis-chunks.js';

/** The job's input, fixed when it was accepted (ids included, so a retried final step stores one file). */
export interface SynthesisJobInput {
  synthesis_id: string;
  file_id: string;
  text: string;
  voice_id: string;
  speed: number;
  pitch: number;
  volume: number;
  format: AudioFormat;
  /** Hz; null: the voice's own rate. */
  sample_rate: number | null;
  /** A voice profile's speaker point, fixed at acceptance so a resumed run speaks with the same voice. */
  speaker: { embedding: number[]; spectral_gains_db?: number[] } | null;
  /** The user's pronunciations at acceptance (a resumed run plans the same sentences). */
  lexicon: LexiconEntry[] | null;
}

/** PCM of finished chunks while the job runs. */
export interface ChunkStore {
  put(key: string, samples: Float32Array): Promise<void>;
  /** undefined when nothing is stored under the key (never written, or swept). */
  get(key: string): Promise<Float32Array | undefined>;
  delete(key: string): Promise<void>;
}

export interface ChunkedSynthesisPorts {
  plan(input: SynthesisJobInput): SentencePlan[];
  /** The rate the voice renders at. */
  voiceSampleRate(input: SynthesisJobInput): number;
  /** One sentence and the seconds of inference it took (waiting for the model not included). */
  render(sentence: SentencePlan, input: SynthesisJobInput, signal: AbortSignal): Promise<{ speech: SentenceSpeech; seconds: number }>;
  chunks: ChunkStore;
  /** Encodes, stores and registers the output under the input's file id (and records the synthesis); safe to repeat. */
  storeOutput(input: SynthesisJobInput, userId: string, speech: Speech, inferenceSeconds: number): Promise<StoredOutput>;
  resultOf(input: SynthesisJobInput, output: StoredOutput): SynthesisJobResultView;
  log(message: string, fields: Record<string, unknown>): void;
}

/** Share of the progress bar the rendering takes; the rest is joining, encoding and storing. */
const RENDER_SHARE = 0.95;

/**
 * Runs one `speech_synthesis` job: renders its chunks sentence by sentence, stores each finished
 * chunk's PCM and checkpoints it, so a run that takes over after a crash renders only the chunks
 * not yet checkpointed; then joins the chunks with their pauses, stores the output once and deletes
 * the chunks. Cancelled or failed runs delete the chunks too; an interrupted run (shutdown, lost
 * lease) leaves them for the run that takes over.
 */
export async function runChunkedSynthesis(
  context: JobContext<SynthesisJobInput, SynthesisJobState>,
  ports: ChunkedSynthesisPorts,
): Promise<SynthesisJobResultView> {
  const { input } = context;
  const sentences = ports.plan(input);
  let state = context.resumeFrom() ?? {
    sample_rate: ports.voiceSampleRate(input),
    chunks: planChunks(sentences, input.speed),
    rendered: [],
  };
  try {
    if (state.output) return await finish(context, ports, state, state.output);
    const total = state.chunks.length;
    context.reportProgress(
      (state.rendered.length / total) * RENDER_SHARE,
      state.rendered.length > 0 ? `Resuming after chunk ${state.rendered.length}/${total}` : `Starting: ${total} chunks`,
    );
    for (const index of pendingChunks(state)) {
      state = withRenderedChunk(state, await renderChunk(context, ports, sentences, state, index));
      const done = state.rendered.length;
      await context.checkpoint(state, (done / total) * RENDER_SHARE, `Chunk ${done}/${total}`);
      ports.log('Chunk checkpointed', { jobId: context.jobId, chunk: index, attempt: context.attempt });
    }
    context.reportProgress(RENDER_SHARE, 'Encoding');
    const speech = await joinChunks(context, ports, sentences, state);
    const inferenceSeconds = state.rendered.reduce((sum, chunk) => sum + chunk.inference_seconds, 0);
    const output = await ports.storeOutput(input, context.userId, speech, inferenceSeconds);
    state = { ...state, output };
    await checkpointStoredOutput(context, state);
    return await finish(context, ports, state, output);
  } catch (error) {
    if (!isInterruption(error, context.signal)) await deleteChunks(context.jobId, state, ports.chunks);
    throw error;
  }
}

async function renderChunk(
  context: JobContext<SynthesisJobInput, SynthesisJobState>,
  ports: ChunkedSynthesisPorts,
  sentences: readonly SentencePlan[],
  state: SynthesisJobState,
  index: number,
): Promise<SynthesisJobState['rendered'][number]> {
  const range = state.chunks[index]!;
  const parts: SentenceSpeech[] = [];
  let inferenceSeconds = 0;
  for (const sentence of sentences.slice(range.first, range.first + range.count)) {
    throwIfAborted(context.signal);
    const rendered = await ports.render(sentence, context.input, context.signal);
    parts.push(rendered.speech);
    inferenceSeconds += rendered.seconds;
  }
  const samples = joinWithPauses(parts, state.sample_rate);
  const key = chunkBlobKey(context.jobId, index);
  await ports.chunks.put(key, samples);
  ports.log('Chunk rendered', { jobId: context.jobId, chunk: index, sentences: range.count, attempt: context.attempt });
  return {
    index,
    blob_key: key,
    samples: samples.length,
    pause_after: parts[parts.length - 1]!.pauseAfter,
    attempt: context.attempt,
    inference_seconds: Math.round(inferenceSeconds * 1000) / 1000,
  };
}

/** The chunks in order with their pauses; a chunk whose blob is gone (swept while the job waited) is rendered again. */
async function joinChunks(
  context: JobContext<SynthesisJobInput, SynthesisJobState>,
  ports: ChunkedSynthesisPorts,
  sentences: readonly SentencePlan[],
  state: SynthesisJobState,
): Promise<Speech> {
  const parts: Array<{ samples: Float32Array; pauseAfter: number }> = [];
  for (const chunk of state.rendered) {
    let samples = await ports.chunks.get(chunk.blob_key);
    if (!samples || samples.length !== chunk.samples) {
      ports.log('Chunk missing at the join; rendering it again', { jobId: context.jobId, chunk: chunk.index });
      await renderChunk(context, ports, sentences, state, chunk.index);
      samples = await ports.chunks.get(chunk.blob_key);
      if (!samples || samples.length !== chunk.samples) throw new Error(`Chunk ${chunk.index} of job ${context.jobId} cannot be read back`);
    }
    parts.push({ samples, pauseAfter: chunk.pause_after });
  }
  return { samples: joinWithPauses(parts, state.sample_rate), sampleRate: state.sample_rate };
}

/** Once the output is stored the work is done: a cancel that arrives now is too late, the job completes. */
async function checkpointStoredOutput(context: JobContext<SynthesisJobInput, SynthesisJobState>, state: SynthesisJobState): Promise<void> {
  try {
    await context.checkpoint(state, 1, 'Stored');
  } catch (error) {
    if (!(error instanceof JobCancelledError)) throw error;
  }
}

async function finish(
  context: JobContext<SynthesisJobInput, SynthesisJobState>,
  ports: ChunkedSynthesisPorts,
  state: SynthesisJobState,
  output: StoredOutput,
): Promise<SynthesisJobResultView> {
  await deleteChunks(context.jobId, state, ports.chunks);
  return ports.resultOf(context.input, output);
}

/** Every chunk key the job may have written (a chunk stored just before a crash is not in the checkpoint). */
async function deleteChunks(jobId: string, state: SynthesisJobState, chunks: ChunkStore): Promise<void> {
  for (let index = 0; index < state.chunks.length; index++) await chunks.delete(chunkBlobKey(jobId, index));
}

function isInterruption(error: unknown, signal: AbortSignal): boolean {
  return error instanceof JobInterruptedError || (signal.aborted && signal.reason instanceof JobInterruptedError);
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Job stopped');
}
