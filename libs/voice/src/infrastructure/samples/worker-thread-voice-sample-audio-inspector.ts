import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApplicationError } from '#contracts';
import type { Logger } from '#service-runtime';
import { voiceSampleErrors } from '../../domain/samples/index.js';
import {
  VoiceSampleAudioInspector,
  type SampleAudioSummary,
  type SampleDecodeLimits,
  type SampleMeasurement,
  type SampleMeasurementRequest,
} from '../../application/ports/voice-sample-audio-inspector.js';
import { transferableBuffer, type VoiceSampleAudioReply, type VoiceSampleAudioTask } from './voice-sample-audio-task.js';

type Task = VoiceSampleAudioTask extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

interface QueuedTask {
  task: Task;
  /** After this long the thread is stopped and the file refused: decoding has its own budget, analysis none. */
  hardLimitMs: number;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface AudioThread {
  worker: Worker;
  current?: { id: number; queued: QueuedTask; timer: NodeJS.Timeout };
}

/**
 * Decodes and measures on `threads` worker threads (VOICE_AUDIO_WORKERS), one sample at a time each,
 * so a ten-minute upload does not stop the voice service's bus consumers and health checks for
 * seconds. Threads start on first use. A thread that dies fails only its current sample and is
 * replaced on the next one; a sample that runs past its hard limit is refused and its thread stopped.
 * The bytes are handed to the thread (their buffer is detached here) unless they share a buffer.
 */
export class WorkerThreadVoiceSampleAudioInspector extends VoiceSampleAudioInspector {
  private readonly idle: AudioThread[] = [];
  private readonly running = new Set<AudioThread>();
  private readonly waiting: QueuedTask[] = [];
  private nextId = 1;
  private closed = false;
  private readonly script = workerScript();

  constructor(
    private readonly threads: number,
    private readonly logger?: Logger,
  ) {
    super();
    if (threads < 1) throw new Error('WorkerThreadVoiceSampleAudioInspector needs at least one thread');
  }

  inspect(bytes: Uint8Array, limits: SampleDecodeLimits): Promise<SampleAudioSummary> {
    return this.submit({ kind: 'inspect', bytes, limits }, limits) as Promise<SampleAudioSummary>;
  }

  measure(bytes: Uint8Array, request: SampleMeasurementRequest): Promise<SampleMeasurement> {
    return this.submit({ kind: 'measure', bytes, request }, request.limits) as Promise<SampleMeasurement>;
  }

  /** Stops every thread; samples still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.waiting.splice(0)) queued.reject(new Error('The voice audio threads are shutting down'));
    const all = [...this.idle.splice(0), ...this.running];
    for (const thread of this.running) this.finish(thread, new Error('The voice audio threads are shutting down'));
    await Promise.all(all.map((thread) => thread.worker.terminate()));
  }

  private submit(task: Task, limits: SampleDecodeLimits): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The voice audio threads are shut down'));
    return new Promise((resolve, reject) => {
      // Ten minutes of audio measure in about 5 s on one core; the margin covers a loaded machine.
      this.waiting.push({ task, hardLimitMs: 2 * limits.timeoutMs + 30_000, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const thread = this.idle.pop() ?? (this.running.size < this.threads ? this.startThread() : undefined);
      if (!thread) return;
      this.start(thread, this.waiting.shift()!);
    }
  }

  private start(thread: AudioThread, queued: QueuedTask): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.logger?.warn(
        { hardLimitMs: queued.hardLimitMs },
        'a voice sample took too long to decode and measure; its audio thread is stopped',
      );
      this.retire(
        thread,
        voiceSampleErrors.invalidAudio(`Decoding and measuring took longer than ${Math.round(queued.hardLimitMs / 1000)} s`),
      );
    }, queued.hardLimitMs);
    thread.current = { id, queued, timer };
    this.running.add(thread);
    const bytes = ownBuffer(queued.task.bytes);
    thread.worker.postMessage({ ...queued.task, id, bytes } as VoiceSampleAudioTask, transferableBuffer(bytes));
  }

  private startThread(): AudioThread {
    const worker = new Worker(this.script);
    const thread: AudioThread = { worker };
    worker.on('message', (reply: VoiceSampleAudioReply) => {
      if (thread.current?.id !== reply.id) return;
      if ('error' in reply) {
        const { code, message, details } = reply.error;
        this.finish(thread, code ? new ApplicationError(code, message, details) : new Error(message));
      } else {
        this.finish(thread, undefined, reply.result);
      }
      this.running.delete(thread);
      if (!this.closed) this.idle.push(thread);
      this.dispatch();
    });
    worker.on('error', (error) => this.retire(thread, new Error(`A voice audio thread failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed) this.retire(thread, new Error(`A voice audio thread stopped (exit code ${code})`));
    });
    worker.unref();
    return thread;
  }

  /** Fails the thread's current sample, stops the thread and moves on to the next sample. */
  private retire(thread: AudioThread, reason: Error): void {
    this.finish(thread, reason);
    this.running.delete(thread);
    const index = this.idle.indexOf(thread);
    if (index >= 0) this.idle.splice(index, 1);
    thread.worker.removeAllListeners('exit');
    void thread.worker.terminate();
    this.dispatch();
  }

  private finish(thread: AudioThread, error: Error | undefined, result?: unknown): void {
    const current = thread.current;
    if (!current) return;
    thread.current = undefined;
    clearTimeout(current.timer);
    if (error) current.queued.reject(error);
    else current.queued.resolve(result);
  }
}

/** The bytes when they own their whole ArrayBuffer, else a copy that does: either is handed over without copying again. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return transferableBuffer(bytes).length > 0 ? bytes : new Uint8Array(bytes);
}

/**
 * The thread's script, next to this module in the build. Under Jest the sources run as TypeScript,
 * which a worker thread cannot load, so the build's copy runs instead (`npm test` builds first).
 */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const name = 'voice-sample-audio.worker.js';
  let script = join(dirname(here), name);
  if (here.endsWith('.ts')) {
    const repo = resolve(dirname(here), '../../../../..');
    script = join(repo, 'dist', relative(repo, dirname(here)), name);
  }
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  return pathToFileURL(script);
}
