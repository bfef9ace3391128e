import type { SampleDecodeLimits, SampleMeasurementRequest } from '../../application/ports/voice-sample-audio-inspector.js';

/** What the main thread asks an audio thread. `bytes` is handed over, not copied. */
export type VoiceSampleAudioTask =
  | { id: number; kind: 'inspect'; bytes: Uint8Array; limits: SampleDecodeLimits }
  | { id: number; kind: 'measure'; bytes: Uint8Array; request: SampleMeasurementRequest };

/** Its answer: the result, or the error as the bus would carry it (an ApplicationError keeps its code). */
export type VoiceSampleAudioReply =
  { id: number; result: unknown } | { id: number; error: { message: string; code?: string; details?: unknown } };

/** The ArrayBuffer to transfer with `view`, or none when the view shares it with other data (Buffer pools). */
export function transferableBuffer(view: Uint8Array | null | undefined): ArrayBuffer[] {
  if (!view || !(view.buffer instanceof ArrayBuffer)) return [];
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? [view.buffer] : [];
}
