import { SpanKind, type Tracer } from '@opentelemetry/api';
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import type { DataSource, QueryRunner } from 'typeorm';
import { currentContext } from '#messaging';
import { endWhenSettled } from './span-outcome.js';
import { contextFromTraceparent } from './traceparent.js';

const TRACED = Symbol('voxify.traced');

/**
 * Wraps every query runner the data source creates (TypeORM's DataSource.query, repositories,
 * transactions and migrations all go through one) so each query inside traced work (a handler, a
 * request) gets a client span. Queries outside any trace, such as the outbox relay's polls, get none.
 */
export function traceDataSourceQueries(dataSource: DataSource, tracer: Tracer): void {
  const tagged = dataSource as DataSource & { [TRACED]?: true };
  if (tagged[TRACED]) return;
  tagged[TRACED] = true;
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  const namespace = `${dataSource.driver.database ?? ''}|${dataSource.driver.schema ?? ''}`;
  dataSource.createQueryRunner = (mode) => traceQueryRunner(createQueryRunner(mode), tracer, namespace);
}

function traceQueryRunner(queryRunner: QueryRunner, tracer: Tracer, namespace: string): QueryRunner {
  const query = queryRunner.query.bind(queryRunner) as (text: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  const traced = (text: string, parameters?: unknown[], structured?: boolean): Promise<unknown> => {
    const traceparent = currentContext()?.traceparent;
    if (!traceparent) return query(text, parameters, structured);
    const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
    const span = tracer.startSpan(
      operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
          [ATTR_DB_NAMESPACE]: namespace,
          [ATTR_DB_OPERATION_NAME]: operation,
          // The apps pass values as parameters ($1, …), so the text carries no user data.
          [ATTR_DB_QUERY_TEXT]: text,
        },
      },
      contextFromTraceparent(traceparent),
    );
    return endWhenSettled(span, () => query(text, parameters, structured));
  };
  queryRunner.query = traced as QueryRunner['query'];
  return queryRunner;
}
