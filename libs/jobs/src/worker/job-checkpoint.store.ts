import type { DataSource, EntityManager } from 'typeorm';
import type { MessageEnvelope } from '#contracts';
import { OutboxWriter, schemaOf } from '#persistence';
import type { JobCheckpointRow } from './job-checkpoint-row.js';
import { JOB_CHECKPOINTS_TABLE } from './job-checkpoints.migration.js';

/** What a run command found when it tried to take a job. */
export type ClaimOutcome =
  | { kind: 'claimed'; row: JobCheckpointRow }
  | { kind: 'unknown' }
  | { kind: 'finished' }
  | { kind: 'cancelled' }
  /** Another worker holds it and beat within the lease. */
  | { kind: 'held'; workerId: string; heartbeatAt: Date };

/** What the row says to a worker that beats or checkpoints: go on, stop (cancelled), or let go. */
export type WorkerSignal = 'continue' | 'cancel' | 'lost';

type EventsFor = (row: JobCheckpointRow) => MessageEnvelope[];

/** The producing service's `job_checkpoints` table; state changes and their events commit together. */
export class JobCheckpointStore {
  private readonly table: string;
  private readonly outbox: OutboxWriter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifyOutbox: () => void,
  ) {
    this.table = `"${schemaOf(dataSource)}".${JOB_CHECKPOINTS_TABLE}`;
    this.outbox = new OutboxWriter(dataSource);
  }

  async create(row: Pick<JobCheckpointRow, 'job_id' | 'type' | 'user_id' | 'input'>, events: MessageEnvelope[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO ${this.table} (job_id, type, user_id, input, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, 'pending', now(), now())`,
        [row.job_id, row.type, row.user_id, JSON.stringify(row.input ?? null)],
      );
      await this.outbox.add(manager, events);
    });
    this.notifyOutbox();
  }

  read(jobId: string): Promise<JobCheckpointRow | undefined> {
    return this.first(this.dataSource.manager, `SELECT * FROM ${this.table} WHERE job_id = $1`, [jobId]);
  }

  async pendingJobIds(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT job_id FROM ${this.table} WHERE status = 'pending' ORDER BY created_at LIMIT $1`, [
      limit,
    ])) as Array<{ job_id: string }>;
    return rows.map((row) => row.job_id);
  }

  /**
   * Takes the job for `workerId` unless it is finished, cancelled (then it ends here, never started)
   * or held by a worker that beat within `leaseMs`. The attempt counts up with every take.
   */
  async claim(jobId: string, workerId: string, leaseMs: number, started: EventsFor, cancelled: EventsFor): Promise<ClaimOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<ClaimOutcome> => {
      const row = await this.first(manager, `SELECT * FROM ${this.table} WHERE job_id = $1 FOR UPDATE`, [jobId]);
      if (!row) return { kind: 'unknown' };
      if (row.status === 'completed' || row.status === 'failed' || row.status === 'cancelled') return { kind: 'finished' };
      if (row.cancel_requested) {
        await this.end(manager, row, 'cancelled', cancelled);
        return { kind: 'cancelled' };
      }
      const heldElsewhere =
        row.status === 'running' &&
        row.worker_id !== null &&
        row.worker_id !== workerId &&
        row.heartbeat_at !== null &&
        Date.now() - row.heartbeat_at.getTime() < leaseMs;
      if (heldElsewhere) return { kind: 'held', workerId: row.worker_id!, heartbeatAt: row.heartbeat_at! };
      const claimed = await this.first(
        manager,
        `UPDATE ${this.table} SET status = 'running', worker_id = $2, attempt = attempt + 1, heartbeat_at = now(), updated_at = now()
         WHERE job_id = $1 RETURNING *`,
        [jobId, workerId],
      );
      await this.outbox.add(manager, started(claimed!));
      return { kind: 'claimed', row: claimed! };
    });
    if (outcome.kind === 'claimed' || outcome.kind === 'cancelled') this.notifyOutbox();
    return outcome;
  }

  /** Records a sign of life (and progress) of the holder; says whether to go on. */
  beat(jobId: string, workerId: string, progress: number, message: string | null): Promise<WorkerSignal> {
    return this.signal(
      `UPDATE ${this.table} SET heartbeat_at = now(), progress = GREATEST(progress, $3), message = COALESCE($4, message), updated_at = now()
       WHERE job_id = $1 AND worker_id = $2 AND status = 'running' RETURNING cancel_requested`,
      [jobId, workerId, progress, message],
    );
  }

  /** Persists the holder's checkpoint (a heartbeat too); says whether to go on. */
  checkpoint(jobId: string, workerId: string, state: unknown, progress: number, message: string | null): Promise<WorkerSignal> {
    return this.signal(
      `UPDATE ${this.table}
       SET state = $3::jsonb, heartbeat_at = now(), progress = GREATEST(progress, $4), message = COALESCE($5, message), updated_at = now()
       WHERE job_id = $1 AND worker_id = $2 AND status = 'running' RETURNING cancel_requested`,
      [jobId, workerId, JSON.stringify(state ?? null), progress, message],
    );
  }

  /** Ends a job this worker holds; false when it no longer holds it (nothing is then published). */
  async finish(jobId: string, workerId: string, status: 'completed' | 'failed' | 'cancelled', events: EventsFor): Promise<boolean> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const row = await this.first(
        manager,
        `SELECT * FROM ${this.table} WHERE job_id = $1 AND worker_id = $2 AND status = 'running' FOR UPDATE`,
        [jobId, workerId],
      );
      if (!row) return false;
      await this.end(manager, row, status, events);
      return true;
    });
    if (ended) this.notifyOutbox();
    return ended;
  }

  /** Lets go of a job without ending it, so another worker may take it at once. */
  async release(jobId: string, workerId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET worker_id = NULL, heartbeat_at = NULL, updated_at = now() WHERE job_id = $1 AND worker_id = $2`,
      [jobId, workerId],
    );
  }

  /** A cancel request: a pending job ends cancelled here; a running one is flagged for its next checkpoint. */
  async requestCancel(jobId: string, cancelled: EventsFor): Promise<'cancelled' | 'flagged' | 'ignored'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.first(manager, `SELECT * FROM ${this.table} WHERE job_id = $1 FOR UPDATE`, [jobId]);
      if (!row || (row.status !== 'pending' && row.status !== 'running')) return 'ignored' as const;
      if (row.status === 'pending') {
        await this.end(manager, row, 'cancelled', cancelled);
        return 'cancelled' as const;
      }
      await manager.query(`UPDATE ${this.table} SET cancel_requested = true, updated_at = now() WHERE job_id = $1`, [jobId]);
      return 'flagged' as const;
    });
    if (outcome === 'cancelled') this.notifyOutbox();
    return outcome;
  }

  /** The jobs service gave up on the job (its worker was lost too often): no worker may end it any more. */
  async markAbandoned(jobId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'failed', worker_id = NULL, updated_at = now()
       WHERE job_id = $1 AND status IN ('pending', 'running') RETURNING job_id`,
      [jobId],
    )) as unknown[];
    return rowCount(rows) > 0;
  }

  private async end(manager: EntityManager, row: JobCheckpointRow, status: string, events: EventsFor): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET status = $2, worker_id = NULL, updated_at = now() WHERE job_id = $1`, [
      row.job_id,
      status,
    ]);
    await this.outbox.add(manager, events(row));
  }

  private async signal(sql: string, parameters: unknown[]): Promise<WorkerSignal> {
    const result = (await this.dataSource.query(sql, parameters)) as unknown;
    const rows = updatedRows<{ cancel_requested: boolean }>(result);
    if (rows.length === 0) return 'lost';
    return rows[0]!.cancel_requested ? 'cancel' : 'continue';
  }

  private async first(manager: EntityManager, sql: string, parameters: unknown[]): Promise<JobCheckpointRow | undefined> {
    const result = (await manager.query(sql, parameters)) as unknown;
    return updatedRows<JobCheckpointRow>(result)[0];
  }
}

/** TypeORM answers an UPDATE … RETURNING with `[rows, count]` and a SELECT with `rows`. */
function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

function rowCount(result: unknown[]): number {
  return updatedRows(result).length;
}
