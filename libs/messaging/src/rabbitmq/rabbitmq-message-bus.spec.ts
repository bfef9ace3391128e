import { randomUUID } from 'node:crypto';
import { ApplicationError, defineCommand, defineEvent, defineQuery, type ServiceName } from '#contracts';
import { TcpProxy } from '#test-support';
import amqp from 'amqplib';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '../port/bus-errors.js';
import type { BusOptions } from '../port/bus-options.js';
import { createEnvelope } from '../port/envelope-factory.js';
import { deadLetterQueueName, queueName, retryQueueName } from '../port/topology.js';
import { RabbitMqMessageBus } from './rabbitmq-message-bus.js';

const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** Buses and queues of one test; each test uses its own service names, so parallel runs never meet. */
class RabbitMqTestBuses {
  private readonly buses: RabbitMqMessageBus[] = [];
  private readonly services = new Set<string>();

  uniqueService(): ServiceName {
    const service = `t${randomUUID().slice(0, 8)}`;
    this.services.add(service);
    return service as ServiceName;
  }

  async create(service: string, options: Partial<BusOptions> & { url?: string } = {}): Promise<RabbitMqMessageBus> {
    this.services.add(service);
    const bus = await RabbitMqMessageBus.connect({
      url: BROKER_URL,
      reconnectDelaysMs: [50, 100, 200],
      closeGraceMs: 1000,
      ...options,
      service,
    });
    this.buses.push(bus);
    return bus;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.buses.splice(0).map((bus) => bus.close()));
    const connection = await amqp.connect(BROKER_URL);
    const channel = await connection.createChannel();
    for (const service of this.services) {
      for (const role of ['requests', 'events'] as const) {
        const queue = queueName(service, role);
        for (const name of [queue, retryQueueName(queue), deadLetterQueueName(queue)]) await channel.deleteQueue(name);
      }
    }
    this.services.clear();
    await connection.close();
  }
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('The condition did not become true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RabbitMqMessageBus (RabbitMQ only)', () => {
  const buses = new RabbitMqTestBuses();
  afterEach(() => buses.cleanup());

  it('answers a request from another bus instance and re-throws application errors', async () => {
    const service = buses.uniqueService();
    const double = defineQuery<{ n: number }, number>(service, `${service}.math.double`);
    const refuse = defineCommand<object, void>(service, `${service}.math.refuse`);
    const responder = await buses.create(service);
    responder.handle(double, async ({ n }) => n * 2);
    responder.handle(refuse, async () => {
      throw new ApplicationError('CONFLICT', 'no way', { why: 'test' });
    });
    await responder.start();
    const caller = await buses.create(buses.uniqueService());

    await expect(caller.query(double, { n: 21 })).resolves.toBe(42);
    const error = await caller.send(refuse, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'no way', details: { why: 'test' } });
  });

  it('fails fast with ServiceUnavailableError when no queue is bound for the type', async () => {
    const service = buses.uniqueService();
    const caller = await buses.create(buses.uniqueService());
    const started = Date.now();
    await expect(
      caller.send(defineCommand(service, `${service}.nobody.home`), {}, { timeoutMs: 5000 }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out as ServiceUnavailableError when the queue has no consumer, else as BusTimeoutError', async () => {
    const service = buses.uniqueService();
    const slow = defineCommand<object, void>(service, `${service}.work.slow`);
    const responder = await buses.create(service);
    let release: () => void = () => undefined;
    responder.handle(slow, () => new Promise<void>((resolve) => (release = resolve)));
    await responder.start();
    const caller = await buses.create(buses.uniqueService());

    await expect(caller.send(slow, {}, { timeoutMs: 300 })).rejects.toBeInstanceOf(BusTimeoutError);
    release();
    await responder.stopConsuming(1000);
    await expect(caller.send(slow, {}, { timeoutMs: 300 })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('retries unexpected failures through the retry queue, then dead-letters them and replies INTERNAL_ERROR', async () => {
    const service = buses.uniqueService();
    const flaky = defineCommand<object, string>(service, `${service}.work.flaky`);
    const broken = defineCommand<object, string>(service, `${service}.work.broken`);
    const responder = await buses.create(service, { retryDelaysMs: [20, 40] });
    let flakyCalls = 0;
    responder.handle(flaky, async () => {
      flakyCalls++;
      if (flakyCalls < 3) throw new Error('not yet');
      return 'done';
    });
    responder.handle(broken, async () => {
      throw new Error('always broken');
    });
    await responder.start();
    const caller = await buses.create(buses.uniqueService());

    await expect(caller.send(flaky, {})).resolves.toBe('done');
    expect(flakyCalls).toBe(3);
    await expect(caller.send(broken, {})).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    const letters = await responder.peekDeadLetters('requests');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ queue: queueName(service, 'requests'), attempts: 3 });
    expect(letters[0]?.reason).toContain('always broken');
    expect(letters[0]?.envelope.type).toBe(broken.type);
    // Peeking leaves the message where it is.
    await expect(responder.peekDeadLetters('requests')).resolves.toHaveLength(1);
  });

  it('shares a requests queue between instances of one service (competing consumers)', async () => {
    const service = buses.uniqueService();
    const whoAmI = defineQuery<object, string>(service, `${service}.instance.name`);
    for (const name of ['a', 'b']) {
      const instance = await buses.create(service, { prefetch: 1 });
      instance.handle(whoAmI, async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return name;
      });
      await instance.start();
    }
    const caller = await buses.create(buses.uniqueService());
    const answers = await Promise.all(Array.from({ length: 10 }, () => caller.query(whoAmI, {})));
    expect(new Set(answers)).toEqual(new Set(['a', 'b']));
  });

  it('delivers events to each subscribing service by type and by pattern, confirming batches', async () => {
    const owner = buses.uniqueService();
    const happened = defineEvent<{ n: number }>(owner, `${owner}.thing.happened`);
    const exact: number[] = [];
    const byPattern: string[] = [];
    const first = await buses.create(buses.uniqueService());
    first.subscribe(happened, async ({ n }) => void exact.push(n));
    await first.start();
    const second = await buses.create(buses.uniqueService());
    second.subscribe<{ n: number }>(`${owner}.#`, async (_payload, envelope) => void byPattern.push(envelope.type));
    await second.start();
    const publisher = await buses.create(owner);

    await publisher.publishEnvelopes([1, 2, 3].map((n) => createEnvelope(happened, { n })));
    await publisher.publish(happened, { n: 4 });
    await eventually(() => exact.length === 4 && byPattern.length === 4);
    expect(exact.sort()).toEqual([1, 2, 3, 4]);
  });

  describe('when the connection to the broker is cut', () => {
    let proxy: TcpProxy;
    beforeEach(async () => {
      proxy = await TcpProxy.start(5672);
    });
    afterEach(() => proxy.close());

    it('fails in-flight requests fast, rejects publishing while cut, and works again after restore', async () => {
      const service = buses.uniqueService();
      const echo = defineQuery<{ text: string }, string>(service, `${service}.echo.say`);
      const slow = defineQuery<object, string>(service, `${service}.echo.slow`);
      const changed = defineEvent<{ n: number }>(service, `${service}.echo.changed`);
      const proxiedUrl = `amqp://guest:guest@127.0.0.1:${proxy.port}`;
      const seen: number[] = [];
      const responder = await buses.create(service, { url: proxiedUrl });
      responder.handle(echo, async ({ text }) => text);
      responder.handle(slow, () => new Promise<string>(() => undefined));
      responder.subscribe(changed, async ({ n }) => void seen.push(n));
      await responder.start();
      const caller = await buses.create(buses.uniqueService(), { url: proxiedUrl });
      await expect(caller.query(echo, { text: 'before' })).resolves.toBe('before');

      const inFlight = caller.query(slow, {}, { timeoutMs: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cutAt = Date.now();
      proxy.cut();
      await expect(inFlight).rejects.toBeInstanceOf(BrokerUnavailableError);
      expect(Date.now() - cutAt).toBeLessThan(2000);
      expect(caller.isConnected()).toBe(false);
      await expect(caller.publishEnvelopes([createEnvelope(changed, { n: 1 })])).rejects.toBeInstanceOf(
        BrokerUnavailableError,
      );
      await expect(caller.query(echo, { text: 'during' })).rejects.toBeInstanceOf(BrokerUnavailableError);

      proxy.restore();
      await eventually(() => caller.isConnected() && responder.isConnected());
      await expect(caller.query(echo, { text: 'after' })).resolves.toBe('after');
      await caller.publishEnvelopes([createEnvelope(changed, { n: 2 })]);
      await eventually(() => seen.includes(2));
    });
  });
});
