import { Injectable } from '@nestjs/common';
import { counter, gauge, histogram } from '#service-runtime';

/** How a synthesis request ended, as `synthesis_requests_total{outcome}` counts it. */
export type SynthesisOutcome = 'synthesized' | 'cached' | 'rejected' | 'quota_exceeded' | 'overloaded' | 'failed';

/**
 * The synthesis service's Prometheus metrics (the app's /metrics): real-time factor and inference
 * time per synthesis, requests by outcome, cache hits and the inference queue's depth.
 */
@Injectable()
export class SynthesisMetrics {
  private readonly rtf = histogram(
    'synthesis_rtf',
    'Inference seconds per second of audio produced',
    ['source'],
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2],
  );
  private readonly inference = histogram(
    'synthesis_inference_seconds',
    'Seconds of model inference per synthesis',
    ['source'],
    [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  );
  private readonly audio = counter('synthesis_audio_seconds_total', 'Seconds of audio produced', ['source']);
  private readonly requests = counter('synthesis_requests_total', 'Synthesis requests by how they ended', ['outcome']);
  private readonly cacheHits = counter('synthesis_cache_hits_total', 'Requests answered with an already stored output', []);
  private readonly queueDepth = gauge('synthesis_queue_depth', 'Requests waiting for the inference queue', []);

  inferred(source: string, inferenceSeconds: number, audioSeconds: number): void {
    this.inference.observe({ source }, inferenceSeconds);
    this.audio.inc({ source }, audioSeconds);
    if (audioSeconds > 0) this.rtf.observe({ source }, inferenceSeconds / audioSeconds);
  }

  finished(outcome: SynthesisOutcome): void {
    this.requests.inc({ outcome });
    if (outcome === 'cached') this.cacheHits.inc();
  }

  queue(depth: number): void {
    this.queueDepth.set(depth);
  }
}
