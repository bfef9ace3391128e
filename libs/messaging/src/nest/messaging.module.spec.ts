import { Controller, Injectable, Scope } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { MessageEnvelope } from '#contracts';
import { InProcessBroker } from '../in-process/in-process-broker.js';
import { InProcessMessageBus } from '../in-process/in-process-message-bus.js';
import { MessageBus } from '../port/message-bus.js';
import { deferred, sleep, testCommand, testEvent, testQuery, uniqueService, waitFor } from '../testing/contract-helpers.js';
import { HandleMessage } from './handle-message.decorator.js';
import { MessagingModule } from './messaging.module.js';
import { OnEvent } from './on-event.decorator.js';

const service = uniqueService();
const greet = testCommand<{ name: string }, { greeting: string }>(service, 'greeter.greet');
const count = testQuery<Record<string, never>, { greeted: number }>(service, 'greeter.count');
const slowGreet = testCommand<Record<string, never>, string>(service, 'greeter.slow');
const greeted = testEvent<{ name: string }>(service, 'greeter.greeted');
const waved = testEvent<{ name: string }>(service, 'greeter.waved');

@Injectable()
class GreetingBook {
  readonly names: string[] = [];
}

@Injectable()
class GreeterHandlers {
  slowFinished = false;

  constructor(
    private readonly book: GreetingBook,
    private readonly bus: MessageBus,
  ) {}

  @HandleMessage(greet)
  async greet({ name }: { name: string }): Promise<{ greeting: string }> {
    this.book.names.push(name);
    await this.bus.publish(greeted, { name });
    return { greeting: `Hello, ${name}` };
  }

  @HandleMessage(slowGreet)
  async slow(): Promise<string> {
    await sleep(200);
    this.slowFinished = true;
    return 'slow hello';
  }
}

@Controller()
class GreeterEventsController {
  readonly seen: string[] = [];

  constructor(private readonly book: GreetingBook) {}

  @HandleMessage(count)
  async count(): Promise<{ greeted: number }> {
    return { greeted: this.book.names.length };
  }

  @OnEvent(greeted)
  @OnEvent(`${service}.greeter.*`)
  async record(payload: { name: string }, envelope: MessageEnvelope<{ name: string }>): Promise<void> {
    this.seen.push(`${envelope.type}:${payload.name}`);
  }
}

describe('MessagingModule', () => {
  let broker: InProcessBroker;
  let caller: InProcessMessageBus;
  let app: TestingModule | undefined;

  beforeEach(() => {
    broker = new InProcessBroker();
    caller = new InProcessMessageBus(broker, { service: uniqueService() });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await caller.close();
    broker.close();
  });

  async function startApp(bus: MessageBus | (() => MessageBus)): Promise<TestingModule> {
    app = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ bus, shutdownGraceMs: 2000 })],
      providers: [GreetingBook, GreeterHandlers],
      controllers: [GreeterEventsController],
    }).compile();
    await app.init();
    return app;
  }

  it('registers decorated methods of providers and controllers and starts the bus', async () => {
    const bus = new InProcessMessageBus(broker, { service });
    const started = await startApp(bus);
    const events = started.get(GreeterEventsController);

    await expect(caller.send(greet, { name: 'Ada' })).resolves.toEqual({ greeting: 'Hello, Ada' });
    await expect(caller.query(count, {})).resolves.toEqual({ greeted: 1 });
    await caller.publish(waved, { name: 'Grace' });

    // One queue per service: an event matching two subscriptions arrives once and runs both.
    await waitFor('both events', () => events.seen.length === 3);
    expect(events.seen.sort()).toEqual([`${greeted.type}:Ada`, `${greeted.type}:Ada`, `${waved.type}:Grace`]);
  });

  it('provides the bus built by a factory under the MessageBus token', async () => {
    const bus = new InProcessMessageBus(broker, { service });
    const fromFactory = await startApp(() => bus);

    expect(fromFactory.get(MessageBus)).toBe(bus);
    await expect(caller.send(greet, { name: 'Linus' })).resolves.toEqual({ greeting: 'Hello, Linus' });
  });

  it('stops consuming, lets in-flight handlers finish, then closes the bus on shutdown', async () => {
    const bus = new InProcessMessageBus(broker, { service });
    const started = await startApp(bus);
    const handlers = started.get(GreeterHandlers);
    const reply = caller.send(slowGreet, {});
    await waitFor('the slow handler to start', () => broker.messageCount(`voxify.${service}.requests`) === 0);
    await sleep(20);

    await started.close();
    app = undefined;

    expect(handlers.slowFinished).toBe(true);
    await expect(reply).resolves.toBe('slow hello');
    expect(bus.isConnected()).toBe(false);
  });

  it('refuses a request-scoped message handler', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class ScopedHandlers {
      @OnEvent(greeted)
      async onGreeted(): Promise<void> {}
    }
    const bus = new InProcessMessageBus(broker, { service });
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ bus })],
      providers: [ScopedHandlers],
    }).compile();

    await expect(moduleRef.init()).rejects.toThrow(/request-scoped/);
    await bus.close();
  });

  it('delivers to the handler only after bootstrap', async () => {
    const bus = new InProcessMessageBus(broker, { service });
    const handled = deferred<string>();
    @Injectable()
    class LateHandlers {
      @HandleMessage(greet)
      async greet({ name }: { name: string }): Promise<{ greeting: string }> {
        handled.resolve(name);
        return { greeting: name };
      }
    }
    app = await Test.createTestingModule({ imports: [MessagingModule.forRoot({ bus })], providers: [LateHandlers] }).compile();
    await expect(caller.send(greet, { name: 'early' }, { timeoutMs: 50 })).rejects.toThrow(/not available/);

    await app.init();

    await expect(caller.send(greet, { name: 'on time' })).resolves.toEqual({ greeting: 'on time' });
    await expect(handled.promise).resolves.toBe('on time');
  });
});
