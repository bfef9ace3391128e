/**
 * Message bus benchmark: request/reply latency and throughput, and confirmed event publishing, for
 * RabbitMQ (the responder runs in a forked child process) and for the in-process bus.
 *
 *   npm run bench:bus                      (builds, then runs dist/bench/bus.bench.js)
 *   AMQP_URL=amqp://... BENCH_REQUESTS=20000 node dist/bench/bus.bench.js
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import {
  defineCommand,
  defineEvent,
  defineQuery,
  type CommandDefinition,
  type EventDefinition,
  type QueryDefinition,
  type ServiceName,
} from '../libs/contracts/src/index.js';
import { InProcessBroker, InProcessMessageBus } from '../libs/messaging/src/in-process/index.js';
import { createEnvelope } from '../libs/messaging/src/port/envelope-factory.js';
import type { MessageBus } from '../libs/messaging/src/port/message-bus.js';
import { deadLetterQueueName, EVENTS_EXCHANGE, queueName, retryQueueName } from '../libs/messaging/src/port/topology.js';
import { RabbitMqMessageBus } from '../libs/messaging/src/rabbitmq/index.js';

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const SEQUENTIAL_REQUESTS = Number(process.env.BENCH_SEQUENTIAL ?? 3_000);
const WARM_UP_REQUESTS = 2_000;
const IN_FLIGHT = 50;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const EVENT_BATCH = 100;

type Payload = { text: string };

interface Definitions {
  service: string;
  query: QueryDefinition<Payload, Payload>;
  command: CommandDefinition<Payload, Payload>;
  event: EventDefinition<Payload>;
}

function definitionsFor(service: string): Definitions {
  const owner = service as ServiceName;
  return {
    service,
    query: defineQuery<Payload, Payload>(owner, `${service}.bench.echo`),
    command: defineCommand<Payload, Payload>(owner, `${service}.bench.store`),
    event: defineEvent<Payload>(owner, `${service}.bench.happened`),
  };
}

function registerEcho(bus: MessageBus, definitions: Definitions): void {
  bus.handle(definitions.query, async (payload) => payload);
  bus.handle(definitions.command, async (payload) => payload);
}

interface Row {
  bus: string;
  scenario: string;
  count: number;
  perSecond: number;
  p50Ms?: number;
  p99Ms?: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `total` requests with `concurrency` in flight; latencies are per request. */
async function measureRequests(send: () => Promise<unknown>, total: number, concurrency: number): Promise<Omit<Row, 'bus' | 'scenario'>> {
  const latencies = new Float64Array(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const startedAt = performance.now();
      await send();
      latencies[index] = performance.now() - startedAt;
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = (performance.now() - startedAt) / 1000;
  latencies.sort();
  return { count: total, perSecond: total / elapsedS, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function measurePublishing(bus: MessageBus, event: EventDefinition<Payload>): Promise<Omit<Row, 'bus' | 'scenario'>> {
  const startedAt = performance.now();
  for (let sent = 0; sent < EVENTS; sent += EVENT_BATCH) {
    const batch = Array.from({ length: Math.min(EVENT_BATCH, EVENTS - sent) }, (_, i) =>
      createEnvelope(event, { text: `event ${sent + i}` }),
    );
    await bus.publishEnvelopes(batch);
  }
  return { count: EVENTS, perSecond: EVENTS / ((performance.now() - startedAt) / 1000) };
}

async function benchRequestReply(label: string, caller: MessageBus, definitions: Definitions): Promise<Row[]> {
  const payload: Payload = { text: 'hello voxify' };
  const query = () => caller.query(definitions.query, payload);
  const command = () => caller.send(definitions.command, payload);
  await measureRequests(query, WARM_UP_REQUESTS, IN_FLIGHT);
  await measureRequests(command, WARM_UP_REQUESTS / 4, IN_FLIGHT);
  return [
    { bus: label, scenario: 'query, 1 in flight', ...(await measureRequests(query, SEQUENTIAL_REQUESTS, 1)) },
    { bus: label, scenario: `query, ${IN_FLIGHT} in flight`, ...(await measureRequests(query, REQUESTS, IN_FLIGHT)) },
    { bus: label, scenario: 'command, 1 in flight', ...(await measureRequests(command, SEQUENTIAL_REQUESTS, 1)) },
    {
      bus: label,
      scenario: `command, ${IN_FLIGHT} in flight`,
      ...(await measureRequests(command, REQUESTS, IN_FLIGHT)),
    },
  ];
}

async function benchRabbitMq(): Promise<Row[]> {
  const definitions = definitionsFor(`bench${randomUUID().slice(0, 8)}`);
  const responder = fork(fileURLToPath(import.meta.url), ['responder', definitions.service], { stdio: 'inherit' });
  const caller = await RabbitMqMessageBus.connect({ url: AMQP_URL, service: `${definitions.service}-caller` });
  const admin = await amqp.connect(AMQP_URL);
  const adminChannel = await admin.createChannel();
  // A durable queue without consumer receives the events, so publishing pays for persistence.
  const eventSink = `${definitions.service}.bench-sink`;
  try {
    await waitForReady(responder);
    const rows = await benchRequestReply('RabbitMQ', caller, definitions);
    await adminChannel.assertQueue(eventSink, { durable: true });
    await adminChannel.bindQueue(eventSink, EVENTS_EXCHANGE, definitions.event.type);
    rows.push({
      bus: 'RabbitMQ',
      scenario: `publishEnvelopes, batches of ${EVENT_BATCH} (confirmed)`,
      ...(await measurePublishing(caller, definitions.event)),
    });
    return rows;
  } finally {
    responder.send('stop');
    await once(responder, 'exit');
    await caller.close();
    const requests = queueName(definitions.service, 'requests');
    for (const queue of [eventSink, requests, retryQueueName(requests), deadLetterQueueName(requests)]) {
      await adminChannel.deleteQueue(queue);
    }
    await admin.close();
  }
}

async function waitForReady(child: ChildProcess): Promise<void> {
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit')])) as unknown[];
  if (message !== 'ready') throw new Error('The responder process did not start');
}

async function benchInProcess(): Promise<Row[]> {
  const definitions = definitionsFor(`bench${randomUUID().slice(0, 8)}`);
  const broker = new InProcessBroker();
  const responder = new InProcessMessageBus(broker, { service: definitions.service });
  registerEcho(responder, definitions);
  responder.subscribe(definitions.event, async () => undefined);
  await responder.start();
  const caller = new InProcessMessageBus(broker, { service: `${definitions.service}-caller` });
  try {
    const rows = await benchRequestReply('in-process', caller, definitions);
    rows.push({
      bus: 'in-process',
      scenario: `publishEnvelopes, batches of ${EVENT_BATCH}`,
      ...(await measurePublishing(caller, definitions.event)),
    });
    return rows;
  } finally {
    await responder.stopConsuming(1000);
    await Promise.all([caller.close(), responder.close()]);
    broker.close();
  }
}

/** The child process: answers the benchmark's requests until told to stop. */
async function runResponder(service: string): Promise<void> {
  const bus = await RabbitMqMessageBus.connect({ url: AMQP_URL, service });
  registerEcho(bus, definitionsFor(service));
  await bus.start();
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void bus
      .stopConsuming(1000)
      .then(() => bus.close())
      .then(() => process.exit(0));
  });
  process.send?.('ready');
}

function printTable(rows: Row[]): void {
  const format = (value: number | undefined, digits: number): string => (value === undefined ? '' : value.toFixed(digits));
  const header = ['bus', 'scenario', 'count', 'per second', 'p50 ms', 'p99 ms'];
  const lines = rows.map((row) => [
    row.bus,
    row.scenario,
    String(row.count),
    format(row.perSecond, 0),
    format(row.p50Ms, 3),
    format(row.p99Ms, 3),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const render = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(render(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines) console.log(render(line));
}

async function main(): Promise<void> {
  if (process.argv[2] === 'responder') {
    await runResponder(process.argv[3]!);
    return;
  }
  const rows = [...(await benchRabbitMq()), ...(await benchInProcess())];
  printTable(rows);
  console.log('\nRabbitMQ: commands and events are persistent (deliveryMode 2), queries transient; the responder is a separate process.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
