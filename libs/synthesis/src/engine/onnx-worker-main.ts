/**
 * The body of an inference thread. onnxruntime-node runs `session.run` synchronously on the thread
 * that calls it, so on the service's own thread one inference stops HTTP, the bus, the database and
 * phonemisation for its whole length. Each inference thread owns one session instead.
 *
 * It is started from its source text (`Function.prototype.toString`), so it must not use anything
 * from outside its own body: onnxruntime is loaded with `require` from the path the caller resolved.
 */
export function onnxWorkerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  type Feed = { type: string; data: ArrayBufferView; dims: number[] };
  type Session = {
    inputNames: readonly string[];
    outputNames: readonly string[];
    run(feeds: Record<string, unknown>): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>>;
    release(): Promise<void>;
  };
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = parentPort!;
  const data = workerData as { ortPath: string; model?: Uint8Array; provider: string; threads: number; spinning: boolean };
  const ort = require(data.ortPath) as {
    InferenceSession: { create(model: Uint8Array, options: object): Promise<Session> };
    Tensor: new (type: string, data: ArrayBufferView, dims: number[]) => unknown;
  };

  const open = (provider: string): Promise<Session> =>
    ort.InferenceSession.create(data.model!, {
      executionProviders: [provider],
      intraOpNumThreads: data.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      // Spinning threads win a little latency alone but steal the cores other sessions need.
      ...(data.spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } }),
    });

  const start = async (): Promise<void> => {
    let session: Session;
    let provider = data.provider;
    let fallbackReason: string | undefined;
    try {
      session = await open(provider);
    } catch (error) {
      if (provider === 'cpu') throw error;
      fallbackReason = error instanceof Error ? error.message : String(error);
      provider = 'cpu';
      session = await open('cpu');
    }
    data.model = undefined;
    port.on('message', (message: { id: number; feeds?: Record<string, Feed>; close?: boolean }) => {
      if (message.close) {
        void Promise.resolve(session.release()).finally(() => port.close());
        return;
      }
      void (async () => {
        try {
          const feeds: Record<string, unknown> = {};
          for (const [name, feed] of Object.entries(message.feeds!)) feeds[name] = new ort.Tensor(feed.type, feed.data, feed.dims);
          const results = await session.run(feeds);
          const outputs: Record<string, { data: Float32Array; dims: number[] }> = {};
          for (const name of session.outputNames) outputs[name] = { data: results[name]!.data, dims: [...results[name]!.dims] };
          // onnxruntime-node gives each output its own ArrayBuffer: handing it over costs no copy on
          // either thread. Should one not be transferable, the outputs are copied instead.
          const buffers = [...new Set(Object.values(outputs).map((output) => output.data.buffer as ArrayBuffer))];
          try {
            port.postMessage({ id: message.id, outputs }, buffers);
          } catch {
            port.postMessage({ id: message.id, outputs });
          }
        } catch (error) {
          port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
        }
      })();
    });
    port.postMessage({
      ready: true,
      inputNames: [...session.inputNames],
      outputNames: [...session.outputNames],
      provider,
      fallbackReason,
    });
  };
  start().catch((error: unknown) => port.postMessage({ failed: error instanceof Error ? error.message : String(error) }));
  /* eslint-enable */
}
