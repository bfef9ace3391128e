import type { ServiceName } from '../services.js';

/**
 * A message definition names a message type, its version and the service that owns it. The
 * payload and result types ride along as phantom types so that `bus.send(def, payload)` is typed.
 */
export interface CommandDefinition<P, R> {
  readonly kind: 'command';
  readonly type: string;
  readonly version: number;
  /** The one service whose work queue receives this command. */
  readonly owner: ServiceName;
  readonly __payload?: P;
  readonly __result?: R;
}

export interface QueryDefinition<P, R> {
  readonly kind: 'query';
  readonly type: string;
  readonly version: number;
  readonly owner: ServiceName;
  readonly __payload?: P;
  readonly __result?: R;
}

export interface EventDefinition<P> {
  readonly kind: 'event';
  /** Routing key on the events exchange, `<context>.<aggregate>.<past-tense-verb>`. */
  readonly type: string;
  readonly version: number;
  readonly owner: ServiceName;
  readonly __payload?: P;
}

export type RequestDefinition<P, R> = CommandDefinition<P, R> | QueryDefinition<P, R>;
export type AnyMessageDefinition = CommandDefinition<unknown, unknown> | QueryDefinition<unknown, unknown> | EventDefinition<unknown>;

export type PayloadOf<D> = D extends { readonly __payload?: infer P } ? P : never;
export type ResultOf<D> = D extends { readonly __result?: infer R } ? R : never;

const MESSAGE_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/;

function checkType(type: string): void {
  if (!MESSAGE_TYPE.test(type)) {
    throw new Error(`Message type "${type}" must look like "<context>.<aggregate>.<name>" in lower case`);
  }
}

export function defineCommand<P, R = void>(owner: ServiceName, type: string, version = 1): CommandDefinition<P, R> {
  checkType(type);
  return { kind: 'command', type, version, owner };
}

export function defineQuery<P, R>(owner: ServiceName, type: string, version = 1): QueryDefinition<P, R> {
  checkType(type);
  return { kind: 'query', type, version, owner };
}

export function defineEvent<P>(owner: ServiceName, type: string, version = 1): EventDefinition<P> {
  checkType(type);
  return { kind: 'event', type, version, owner };
}
