import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createEnvelope } from '#messaging';
import { IdempotentConsumer, OutboxWriter } from '#persistence';
import type { Job } from '../../domain/index.js';
import { JobStore, type JobCount, type JobDecision, type JobSearch, type OutgoingEvent } from '../../application/ports/index.js';
import { JobRecord } from './job.entity.js';
import { toJob, toJobRecord } from './job.mapper.js';

/** Publishes the outbox right after a commit instead of at the relay's next poll. */
export interface OutboxNotifier {
  notify(): void;
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class TypeOrmJobStore extends JobStore {
  private readonly outbox: OutboxWriter;
  private readonly consumers = new Map<string, IdempotentConsumer>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxNotifier,
  ) {
    super();
    this.outbox = new OutboxWriter(dataSource);
  }

  async get(jobId: string): Promise<Job | undefined> {
    const record = await this.dataSource.getRepository(JobRecord).findOneBy({ id: jobId });
    return record ? toJob(record) : undefined;
  }

  async search(criteria: JobSearch): Promise<{ jobs: Job[]; total: number }> {
    const query = this.dataSource.getRepository(JobRecord).createQueryBuilder('job');
    if (criteria.userId !== undefined) query.andWhere('job.user_id = :userId', { userId: criteria.userId });
    if (criteria.status !== undefined) query.andWhere('job.status = :status', { status: criteria.status });
    if (criteria.type !== undefined) query.andWhere('job.type = :type', { type: criteria.type });
    const order = criteria.order === 'asc' ? 'ASC' : 'DESC';
    query
      .orderBy(`job.${criteria.sort === 'updated_at' ? 'updated_at' : 'created_at'}`, order)
      .addOrderBy('job.id', order)
      .skip(criteria.offset)
      .take(criteria.limit);
    const [records, total] = await query.getManyAndCount();
    return { jobs: records.map(toJob), total };
  }

  async countByStatusAndType(): Promise<JobCount[]> {
    const rows = (await this.dataSource
      .getRepository(JobRecord)
      .createQueryBuilder('job')
      .select('job.status', 'status')
      .addSelect('job.type', 'type')
      .addSelect('count(*)::int', 'count')
      .groupBy('job.status')
      .addGroupBy('job.type')
      .getRawMany()) as JobCount[];
    return rows.map((row) => ({ status: row.status, type: row.type, count: Number(row.count) }));
  }

  async change<T>(
    jobId: string,
    decide: (job: Job | undefined) => JobDecision<T>,
    dedupe?: { consumer: string; messageId: string },
  ): Promise<T | undefined> {
    try {
      return await this.changeOnce(jobId, decide, dedupe);
    } catch (error) {
      // Two first events of one job raced to insert it: the loser runs again and finds the row.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return this.changeOnce(jobId, decide, dedupe);
    }
  }

  async changeSilentJobs<T>(silentSince: Date, limit: number, decide: (job: Job) => JobDecision<T>): Promise<T[]> {
    const results: T[] = [];
    for (let i = 0; i < limit; i++) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const record = await manager
          .getRepository(JobRecord)
          .createQueryBuilder('job')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`job.status = 'running'`)
          .andWhere('COALESCE(job.last_heartbeat_at, job.updated_at) < :silentSince', { silentSince })
          .orderBy('job.last_heartbeat_at', 'ASC')
          .limit(1)
          .getOne();
        if (!record) return undefined;
        return { value: await this.commitDecision(manager, decide(toJob(record)), true) };
      });
      if (!outcome) break;
      results.push(outcome.value);
    }
    if (results.length > 0) this.relay.notify();
    return results;
  }

  private async changeOnce<T>(
    jobId: string,
    decide: (job: Job | undefined) => JobDecision<T>,
    dedupe?: { consumer: string; messageId: string },
  ): Promise<T | undefined> {
    let published = false;
    const work = async (manager: EntityManager): Promise<T> => {
      const record = await manager
        .getRepository(JobRecord)
        .createQueryBuilder('job')
        .setLock('pessimistic_write')
        .where('job.id = :jobId', { jobId })
        .getOne();
      const decision = decide(record ? toJob(record) : undefined);
      published = (decision.events?.length ?? 0) > 0;
      return this.commitDecision(manager, decision, record !== null);
    };
    let result: T | undefined;
    if (dedupe) {
      await this.consumerFor(dedupe.consumer).run(dedupe.messageId, async (manager) => {
        result = await work(manager);
      });
    } else {
      result = await this.dataSource.transaction(work);
    }
    if (published) this.relay.notify();
    return result;
  }

  private async commitDecision<T>(manager: EntityManager, decision: JobDecision<T>, exists: boolean): Promise<T> {
    if (decision.save) {
      const record = toJobRecord(decision.save);
      if (exists) await manager.getRepository(JobRecord).update({ id: record.id }, record);
      else await manager.getRepository(JobRecord).insert(record);
    }
    if (decision.events?.length) await this.outbox.add(manager, decision.events.map(toEnvelope));
    return decision.result;
  }

  private consumerFor(name: string): IdempotentConsumer {
    let consumer = this.consumers.get(name);
    if (!consumer) {
      consumer = new IdempotentConsumer(this.dataSource, name);
      this.consumers.set(name, consumer);
    }
    return consumer;
  }
}

function toEnvelope(event: OutgoingEvent) {
  return createEnvelope(event.definition, event.payload);
}
