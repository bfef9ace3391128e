import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { onnxWorkerMain } from './onnx-worker-main.js';
import type { ExecutionProvider, OnnxRunner, OnnxRunnerOptions, RunnerOutput, RunnerTensor } from './onnx-runner.js';

const ORT_PATH = createRequire(import.meta.url).resolve('onnxruntime-node');
const WORKER_SOURCE = `(${onnxWorkerMain.toString()})()`;

interface Ready {
  ready: true;
  inputNames: string[];
  outputNames: string[];
  provider: ExecutionProvider;
  fallbackReason?: string;
}

type Reply = { id: number; outputs: Record<string, RunnerOutput> } | { id: number; error: string };

/**
 * An onnxruntime session on its own thread (see onnx-worker-main). Runs are answered in order;
 * if the thread dies, the runs it held fail with the reason and the next run starts a new thread.
 */
export class WorkerOnnxRunner implements OnnxRunner {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (outputs: Record<string, RunnerOutput>) => void; reject: (error: Error) => void }
  >();
  private restarting: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly loadModel: () => Promise<Uint8Array>,
    private readonly options: OnnxRunnerOptions,
    private ready: Ready,
    worker: Worker,
  ) {
    this.attach(worker);
  }

  /**
   * Starts the thread and opens the session (falling back to cpu there when the provider fails).
   * `loadModel` gives the model's bytes, again if the thread has to be started anew.
   */
  static async start(loadModel: () => Promise<Uint8Array>, options: OnnxRunnerOptions): Promise<WorkerOnnxRunner> {
    const { worker, ready } = await WorkerOnnxRunner.spawn(await loadModel(), options);
    return new WorkerOnnxRunner(loadModel, options, ready, worker);
  }

  get inputNames(): readonly string[] {
    return this.ready.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.ready.outputNames;
  }

  get provider(): ExecutionProvider {
    return this.ready.provider;
  }

  get fallbackReason(): string | undefined {
    return this.ready.fallbackReason;
  }

  async run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>> {
    if (this.closed) throw new Error('inference failed: the voice session is closed');
    if (!this.worker) await (this.restarting ??= this.restart());
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, feeds });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    const timeout = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timeout);
  }

  /** The model's bytes are handed over to the thread (the caller's copy is emptied). */
  private static spawn(model: Uint8Array, options: OnnxRunnerOptions): Promise<{ worker: Worker; ready: Ready }> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ortPath: ORT_PATH, model, provider: options.provider, threads: options.threads, spinning: options.spinning },
      transferList: [model.buffer as ArrayBuffer],
    });
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      worker.once('error', fail);
      worker.once('exit', (code) => reject(new Error(`the inference thread exited (${code}) while opening the model`)));
      worker.once('message', (message: Ready | { failed: string }) => {
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
        if ('failed' in message) return fail(new Error(message.failed));
        worker.unref();
        resolve({ worker, ready: message });
      });
    });
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter.reject(new Error(`inference failed: ${reply.error}`));
      else waiter.resolve(reply.outputs);
    });
    const lost = (reason: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`inference failed: ${reason}`));
      this.waiting.clear();
    };
    worker.on('error', (error) => lost(`the inference thread crashed: ${error.message}`));
    worker.on('exit', (code) => lost(`the inference thread exited (${code})`));
  }

  private async restart(): Promise<void> {
    try {
      const { worker, ready } = await WorkerOnnxRunner.spawn(await this.loadModel(), this.options);
      this.ready = ready;
      this.attach(worker);
    } finally {
      this.restarting = undefined;
    }
  }
}
