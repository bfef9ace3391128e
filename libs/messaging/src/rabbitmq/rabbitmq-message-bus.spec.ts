import { randomUUID } from 'node:crypto';
import { defineCommand, defineEvent, defineQuery, type ServiceName } from '#contracts';
import { TcpProxy } from '#test-support';
import amqp from 'amqplib';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '../port/bus-errors.js';
import type { BusOptions } from '../port/bus-options.js';
import { createEnvelope } from '../port/envelope-factory.js';
import { deadLetterQueueName, queueName, retryQueueName } from '../port/topology.js';
import { describeMessageBusContract } from '../testing/bus-contract.js';
import type { MessageBusFactory } from '../testing/message-bus-factory.js';
import { RabbitMqMessageBus } from './rabbitmq-message-bus.js';

const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** Buses and queues of one test; each test uses its own service names, so parallel runs never meet. */
class RabbitMqTestBuses implements MessageBusFactory {
  private readonly buses: RabbitMqMessageBus[] = [];
  private readonly services = new Set<string>();

  uniqueService(): ServiceName {
    const service = `t${randomUUID().slice(0, 8)}`;
    this.services.add(service);
    return service as ServiceName;
  }

  async create(service: string, options: Partial<Omit<BusOptions, 'service'>> & { url?: string } = {}): Promise<RabbitMqMessageBus> {
    this.services.add(service);
    const bus = await RabbitMqMessageBus.connect({
      url: BROKER_URL,
      reconnectDelaysMs: [50, 100, 200],
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

describeMessageBusContract('RabbitMQ', async () => new RabbitMqTestBuses());

describe('RabbitMqMessageBus (RabbitMQ only)', () => {
  const buses = new RabbitMqTestBuses();
  afterEach(() => buses.cleanup());

  it('queues commands as persistent and queries as transient, each expiring with its caller timeout', async () => {
    const service = buses.uniqueService();
    const command = defineCommand<object, void>(service, `${service}.wire.command`);
    const query = defineQuery<object, void>(service, `${service}.wire.query`);
    const owner = await buses.create(service);
    owner.handle(command, async () => undefined);
    owner.handle(query, async () => undefined);
    await owner.start();
    await owner.stopConsuming(100);
    const caller = await buses.create(buses.uniqueService());
    const unanswered = Promise.allSettled([caller.send(command, {}, { timeoutMs: 700 }), caller.query(query, {}, { timeoutMs: 600 })]);

    const connection = await amqp.connect(BROKER_URL);
    try {
      const channel = await connection.createChannel();
      const queue = queueName(service, 'requests');
      await eventually(async () => (await channel.checkQueue(queue)).messageCount === 2);
      const first = await channel.get(queue, { noAck: true });
      const second = await channel.get(queue, { noAck: true });
      expect(first && first.properties).toMatchObject({ deliveryMode: 2, expiration: '700', type: command.type });
      expect(second && second.properties).toMatchObject({ expiration: '600', type: query.type });
      expect(second && second.properties.deliveryMode).not.toBe(2);
    } finally {
      await connection.close();
    }
    for (const outcome of await unanswered) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(ServiceUnavailableError) });
    }
  });

  it('reports publishes, consumes and completed requests to the observer', async () => {
    const service = buses.uniqueService();
    const work = defineCommand<{ fail: boolean; delayMs?: number }, string>(service, `${service}.observed.work`);
    const consumed: string[] = [];
    const completed: string[] = [];
    const published: string[] = [];
    const observer = {
      published: (type: string) => void published.push(type),
      consumed: (_type: string, _kind: string, _ms: number, outcome: string) => void consumed.push(outcome),
      requestCompleted: (_type: string, _kind: string, _ms: number, outcome: string) => void completed.push(outcome),
    };
    const worker = await buses.create(service, { observer, retryDelaysMs: [10] });
    worker.handle(work, async ({ fail, delayMs = 0 }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (fail) throw new Error('failing on purpose');
      return 'ok';
    });
    await worker.start();
    const caller = await buses.create(buses.uniqueService(), { observer });

    await caller.send(work, { fail: false });
    await expect(caller.send(work, { fail: true })).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    await expect(caller.send(work, { fail: false, delayMs: 200 }, { timeoutMs: 50 })).rejects.toBeInstanceOf(BusTimeoutError);

    expect(published).toEqual([work.type, work.type, work.type]);
    await eventually(() => consumed.length === 4);
    expect(consumed.slice(0, 3)).toEqual(['ok', 'retried', 'dead-lettered']);
    expect(completed).toEqual(['ok', 'error', 'timeout']);
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
      await expect(caller.publishEnvelopes([createEnvelope(changed, { n: 1 })])).rejects.toBeInstanceOf(BrokerUnavailableError);
      await expect(caller.query(echo, { text: 'during' })).rejects.toBeInstanceOf(BrokerUnavailableError);

      proxy.restore();
      await eventually(() => caller.isConnected() && responder.isConnected());
      await expect(caller.query(echo, { text: 'after' })).resolves.toBe('after');
      await caller.publishEnvelopes([createEnvelope(changed, { n: 2 })]);
      await eventually(() => seen.includes(2));
    });
  });
});
