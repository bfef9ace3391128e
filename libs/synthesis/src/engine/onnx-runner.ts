export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

/** A tensor as it crosses to the inference thread: plain typed data and its shape. */
export interface RunnerTensor {
  type: 'int64' | 'float32';
  data: BigInt64Array | Float32Array;
  dims: readonly number[];
}

/** An output as it comes back: the model's data (copied out of onnxruntime) and its shape. */
export interface RunnerOutput {
  data: Float32Array | BigInt64Array | Int32Array;
  dims: readonly number[];
}

export interface OnnxRunnerOptions {
  provider: ExecutionProvider;
  /** onnxruntime's intra-op threads for this session. */
  threads: number;
  /** Whether idle onnxruntime threads spin for work (only worth it when nothing else competes for the cores). */
  spinning: boolean;
}

/** One onnxruntime session that runs off the caller's event loop. */
export interface OnnxRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The provider the session runs on, after any fallback to cpu. */
  readonly provider: ExecutionProvider;
  /** Why the requested provider was not used, when it fell back to cpu. */
  readonly fallbackReason: string | undefined;
  run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>>;
  close(): Promise<void>;
}
