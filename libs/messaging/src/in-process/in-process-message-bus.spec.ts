import { ApplicationError, type MessageKind } from '#contracts';
import { BrokerUnavailableError } from '../port/bus-errors.js';
import type { ConsumeOutcome } from '../port/bus-observer.js';
import type { BusOptions } from '../port/bus-options.js';
import type { MessageBus } from '../port/message-bus.js';
import { instanceEventsQueueName, queueName } from '../port/topology.js';
import { describeMessageBusContract } from '../testing/bus-contract.js';
import { deferred, sleep, testCommand, testEvent, uniqueService, waitFor } from '../testing/contract-helpers.js';
import { InProcessBroker } from './in-process-broker.js';
import { InProcessMessageBus } from './in-process-message-bus.js';

describeMessageBusContract('in-process', async () => {
  const broker = new InProcessBroker();
  const buses: MessageBus[] = [];
  return {
    async create(service, options) {
      const bus = new InProcessMessageBus(broker, { ...options, service });
      buses.push(bus);
      return bus;
    },
    async cleanup() {
      for (const bus of buses) await bus.close();
      broker.close();
    },
  };
});

describe('InProcessMessageBus specifics', () => {
  let broker: InProcessBroker;
  let buses: InProcessMessageBus[];

  beforeEach(() => {
    broker = new InProcessBroker();
    buses = [];
  });

  afterEach(async () => {
    for (const bus of buses) await bus.close();
    broker.close();
  });

  function createBus(service: string, options: Partial<BusOptions> = {}): InProcessMessageBus {
    const bus = new InProcessMessageBus(broker, { retryDelaysMs: [10], ...options, service });
    buses.push(bus);
    return bus;
  }

  it('hands a consumer no more unacked messages than its prefetch', async () => {
    const service = uniqueService();
    const work = testCommand<Record<string, never>, void>(service, 'bounded.work');
    let running = 0;
    let mostAtOnce = 0;
    const worker = createBus(service, { prefetch: 2 });
    worker.handle(work, async () => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await sleep(20);
      running--;
    });
    await worker.start();
    const caller = createBus(uniqueService());

    await Promise.all(Array.from({ length: 8 }, () => caller.send(work, {})));

    expect(mostAtOnce).toBe(2);
  });

  it('removes an expired request from the queue when its caller gives up', async () => {
    const service = uniqueService();
    const work = testCommand<Record<string, never>, void>(service, 'expiring.work');
    const worker = createBus(service);
    worker.handle(work, async () => undefined);
    await worker.start();
    await worker.stopConsuming(100);
    const caller = createBus(uniqueService());

    const reply = caller.send(work, {}, { timeoutMs: 50 }).catch((error: unknown) => error);
    await sleep(10);
    expect(broker.messageCount(queueName(service, 'requests'))).toBe(1);
    await reply;
    await waitFor('the request to expire', () => broker.messageCount(queueName(service, 'requests')) === 0, 1000);
  });

  it('reports to the observer what it publishes, consumes and completes', async () => {
    const service = uniqueService();
    const work = testCommand<{ fail: boolean }, void>(service, 'observed.work');
    const happened = testEvent<Record<string, never>>(service, 'observed.happened');
    const published: string[] = [];
    const consumed: [string, MessageKind, ConsumeOutcome][] = [];
    const completed: [string, string][] = [];
    const observer = {
      published: (type: string, kind: MessageKind) => published.push(`${kind}:${type}`),
      consumed: (type: string, kind: MessageKind, durationMs: number, outcome: ConsumeOutcome) => {
        expect(durationMs).toBeGreaterThanOrEqual(0);
        consumed.push([type, kind, outcome]);
      },
      requestCompleted: (type: string, _kind: MessageKind, _durationMs: number, outcome: string) => completed.push([type, outcome]),
    };
    const handled = deferred();
    const worker = createBus(service, { observer });
    worker.handle(work, async ({ fail }) => {
      if (fail) throw new ApplicationError('CONFLICT', 'no');
    });
    worker.subscribe(happened, async () => handled.resolve());
    await worker.start();
    const caller = createBus(uniqueService(), { observer });

    await caller.send(work, { fail: false });
    await expect(caller.send(work, { fail: true })).rejects.toBeInstanceOf(ApplicationError);
    await caller.publish(happened, {});
    await handled.promise;
    await waitFor('the event to be reported', () => consumed.length === 3);

    expect(published).toEqual([`command:${work.type}`, `command:${work.type}`, `event:${happened.type}`]);
    expect(consumed).toEqual([
      [work.type, 'command', 'ok'],
      [work.type, 'command', 'rejected'],
      [happened.type, 'event', 'ok'],
    ]);
    expect(completed).toEqual([
      [work.type, 'ok'],
      [work.type, 'error'],
    ]);
  });

  it('rejects pending requests with BrokerUnavailableError when closed, and refuses to send afterwards', async () => {
    const service = uniqueService();
    const work = testCommand<Record<string, never>, void>(service, 'pending.work');
    const release = deferred();
    const worker = createBus(service);
    worker.handle(work, () => release.promise);
    await worker.start();
    const caller = createBus(uniqueService());
    const reply = caller.send(work, {});
    await sleep(10);

    await caller.close();

    await expect(reply).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(caller.send(work, {})).rejects.toBeInstanceOf(BrokerUnavailableError);
    expect(caller.isConnected()).toBe(false);
    release.resolve();
  });

  it('gives instance-scoped subscriptions a queue of their instance, deleted when it closes', async () => {
    const owner = uniqueService();
    const happened = testEvent<Record<string, never>>(owner, 'thing.happened');
    const service = uniqueService();
    const bus = createBus(service);
    bus.subscribe(happened, async () => undefined, { scope: 'instance' });
    await bus.start();
    const instanceQueue = instanceEventsQueueName(service, bus.instanceId);

    expect(broker.hasQueue(instanceQueue)).toBe(true);
    expect(broker.hasQueue(queueName(service, 'events'))).toBe(false);
    await bus.close();
    expect(broker.hasQueue(instanceQueue)).toBe(false);
  });

  it('refuses registrations it cannot honour', async () => {
    const service = uniqueService();
    const bus = createBus(service);
    const foreign = testCommand<Record<string, never>, void>(uniqueService(), 'foreign.work');
    const own = testCommand<Record<string, never>, void>(service, 'own.work');

    expect(() => bus.handle(foreign, async () => undefined)).toThrow(/belongs to/);
    bus.handle(own, async () => undefined);
    expect(() => bus.handle(own, async () => undefined)).toThrow(/already has a handler/);
    await bus.start();
    expect(() => bus.subscribe('anything.#', async () => undefined)).toThrow(/before start/);
    await expect(
      bus.publishEnvelopes([{ id: 'x', kind: 'command', type: own.type, version: 1, occurredAt: '', correlationId: 'c', payload: {} }]),
    ).rejects.toThrow(/Only events/);
  });
});
