import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeAudio } from '#audio';
import { schemaOf } from '#persistence';
import { blobKeyForFile, BlobStore } from '#storage';
import { FitterSpeechMeter, type SpeakerMeasurement } from '../../application/ports/fitter-speech-meter.js';
import { TrainingSampleSource, type TrainingSample } from '../../application/ports/training-sample-source.js';

interface TrainingSampleRow {
  id: string;
  owner_id: string;
  status: string;
  language: string;
  normalized_file_id: string | null;
  statistics: number[] | null;
}

/** A training copy is normalised speech; a few minutes of it pin the statistics down. */
const MAX_MEASURED_SECONDS = 180;
const DECODE_TIMEOUT_MS = 30_000;

/**
 * Samples read from the voice schema for training, scoped to their owner. The target statistics
 * come from the sample's analysis when it stored them, else they are measured from its normalised
 * training copy in the blob store.
 */
@Injectable()
export class SqlTrainingSampleSource extends TrainingSampleSource {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly meter: FitterSpeechMeter,
  ) {
    super();
    this.table = `"${schemaOf(dataSource)}".voice_samples`;
  }

  async findForOwner(sampleIds: readonly string[], ownerId: string): Promise<TrainingSample[]> {
    if (sampleIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, owner_id, status, language, normalized_file_id,
              coalesce(metrics->'speakerStatistics', metrics->'speaker_statistics') AS statistics
       FROM ${this.table} WHERE id = ANY($1::text[]) AND owner_id = $2`,
      [sampleIds, ownerId],
    )) as TrainingSampleRow[];
    return rows.map((row) => ({
      sampleId: row.id,
      ownerId: row.owner_id,
      status: row.status,
      language: row.language,
      measure: () => this.measure(row),
    }));
  }

  private async measure(row: TrainingSampleRow): Promise<SpeakerMeasurement> {
    if (Array.isArray(row.statistics) && row.statistics.length > 0) return this.meter.fromStatistics(row.statistics.map(Number));
    if (!row.normalized_file_id) throw new Error(`Voice sample ${row.id} has no training copy`);
    const stream = await this.blobs.get(blobKeyForFile(row.normalized_file_id));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const decoded = await decodeAudio(Buffer.concat(chunks), { maxSeconds: 660, timeoutMs: DECODE_TIMEOUT_MS });
    const { samples, sampleRate } = decoded.audio;
    return this.meter.measure(samples.subarray(0, MAX_MEASURED_SECONDS * sampleRate), sampleRate);
  }
}
