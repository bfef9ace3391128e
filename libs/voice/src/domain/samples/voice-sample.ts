import type { VoiceSampleFormat, VoiceSampleStatus } from '#contracts';
import { voiceSampleErrors } from './voice-sample-errors.js';
import { sampleDescription, sampleLanguage, sampleName } from './voice-sample-fields.js';
import { judgeVoiceSample, type VoiceSampleMetrics } from './voice-sample-metrics.js';

export interface VoiceSampleProps {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  language: string;
  status: VoiceSampleStatus;
  format: VoiceSampleFormat;
  durationSeconds: number;
  /** The original upload, a storage file. */
  fileId: string;
  fileSize: number;
  /** The normalised mono copy for training (set once analysed and ready). */
  normalizedFileId: string | null;
  analysisJobId: string | null;
  metrics: VoiceSampleMetrics | null;
  rejectionReasons: string[];
  analyzedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DurationLimits {
  minSeconds: number;
  maxSeconds: number;
}

/**
 * A recording a user uploaded to train a voice from. It starts `uploaded`; its analysis makes it
 * `ready` (a normalised copy exists for training) or `rejected` (with the reasons).
 */
export class VoiceSample {
  private constructor(private props: VoiceSampleProps) {}

  static upload(
    input: {
      id: string;
      ownerId: string;
      name: unknown;
      description?: unknown;
      language?: unknown;
      format: VoiceSampleFormat;
      durationSeconds: number;
      fileId: string;
      fileSize: number;
      now: Date;
    },
    limits: DurationLimits,
  ): VoiceSample {
    if (!(input.durationSeconds >= limits.minSeconds))
      throw voiceSampleErrors.invalidAudio(`Audio is too short: ${input.durationSeconds.toFixed(2)} s (at least ${limits.minSeconds} s)`);
    if (input.durationSeconds > limits.maxSeconds)
      throw voiceSampleErrors.invalidAudio(`Audio is too long: ${input.durationSeconds.toFixed(1)} s (at most ${limits.maxSeconds} s)`);
    return new VoiceSample({
      id: input.id,
      ownerId: input.ownerId,
      name: sampleName(input.name),
      description: sampleDescription(input.description),
      language: sampleLanguage(input.language),
      status: 'uploaded',
      format: input.format,
      durationSeconds: input.durationSeconds,
      fileId: input.fileId,
      fileSize: input.fileSize,
      normalizedFileId: null,
      analysisJobId: null,
      metrics: null,
      rejectionReasons: [],
      analyzedAt: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(props: VoiceSampleProps): VoiceSample {
    return new VoiceSample({ ...props, rejectionReasons: [...props.rejectionReasons] });
  }

  get id(): string {
    return this.props.id;
  }

  get ownerId(): string {
    return this.props.ownerId;
  }

  get status(): VoiceSampleStatus {
    return this.props.status;
  }

  get fileId(): string {
    return this.props.fileId;
  }

  get normalizedFileId(): string | null {
    return this.props.normalizedFileId;
  }

  /** Whether the requester may see it: its owner, or an admin. */
  visibleTo(requester: { userId: string; admin: boolean }): boolean {
    return requester.admin || requester.userId === this.props.ownerId;
  }

  attachAnalysisJob(jobId: string): void {
    this.props.analysisJobId = jobId;
  }

  edit(changes: { name?: unknown; description?: unknown }, now: Date): void {
    if (changes.name !== undefined) this.props.name = sampleName(changes.name);
    if (changes.description !== undefined) this.props.description = sampleDescription(changes.description);
    this.props.updatedAt = now;
  }

  /** Records the analysis and its verdict; a ready sample keeps `normalizedFileId` for training. */
  recordAnalysis(metrics: VoiceSampleMetrics, normalizedFileId: string | null, now: Date): void {
    const verdict = judgeVoiceSample(metrics, this.props.durationSeconds);
    if (verdict.status === 'ready' && normalizedFileId === null) throw new Error('A ready sample needs its normalised copy');
    this.props.metrics = metrics;
    this.props.status = verdict.status;
    this.props.rejectionReasons = [...verdict.reasons];
    this.props.normalizedFileId = verdict.status === 'ready' ? normalizedFileId : null;
    this.props.analyzedAt = now;
    this.props.updatedAt = now;
  }

  /** The audio could not be analysed at all (it decoded at upload, so this is rare: a lost blob, a decoder fault). */
  rejectUnanalysable(reason: string, now: Date): void {
    this.props.status = 'rejected';
    this.props.rejectionReasons = [`analysis failed: ${reason}`];
    this.props.normalizedFileId = null;
    this.props.analyzedAt = now;
    this.props.updatedAt = now;
  }

  snapshot(): Readonly<VoiceSampleProps> {
    return { ...this.props, rejectionReasons: [...this.props.rejectionReasons] };
  }
}
