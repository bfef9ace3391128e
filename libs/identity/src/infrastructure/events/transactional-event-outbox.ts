import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '#persistence';
import { EventOutbox } from '../../application/ports/index.js';
import type { IdentityDomainEvent } from '../../domain/index.js';
import { TypeOrmTransactions } from '../persistence/typeorm-transactions.js';
import { toIntegrationEnvelopes } from './integration-events.js';

/** Writes events to the identity outbox in the open transaction; the relay publishes them after the commit. */
@Injectable()
export class TransactionalEventOutbox extends EventOutbox {
  private readonly writer: OutboxWriter;

  constructor(
    dataSource: DataSource,
    private readonly transactions: TypeOrmTransactions,
  ) {
    super();
    this.writer = new OutboxWriter(dataSource);
  }

  async record(events: readonly IdentityDomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.writer.add(this.transactions.managerForEvents(), toIntegrationEnvelopes(events));
  }
}
