import { randomUUID } from 'node:crypto';
import { ApplicationError, ErrorCode, type MessageEnvelope } from '#contracts';
import { createProcessedMessagesTable, IdempotentConsumer } from '#persistence';
import { currentContext, type ActiveContext } from '../context/message-context.js';
import { BusTimeoutError, ServiceUnavailableError } from '../port/bus-errors.js';
import type { BusOptions } from '../port/bus-options.js';
import { createEnvelope } from '../port/envelope-factory.js';
import type { MessageBus } from '../port/message-bus.js';
import { queueName } from '../port/topology.js';
import { deferred, sleep, testCommand, testEvent, testQuery, uniqueService, waitFor, type Deferred } from './contract-helpers.js';
import type { MessageBusFactory } from './message-bus-factory.js';
import { createScratchSchema, type ScratchSchema } from './scratch-schema.js';

type BusSetup = Partial<Omit<BusOptions, 'service'>>;

const FAST_RETRIES = [20, 40] as const;
/** Every delivery of a failing message: the first one plus one per retry delay. */
const DELIVERIES_BEFORE_DEAD_LETTER = FAST_RETRIES.length + 1;

/**
 * The behaviour every MessageBus adapter must show, run against real brokers (never mocks).
 * `connect` is called before each test; it returns a factory whose buses share one broker.
 */
export function describeMessageBusContract(name: string, connect: () => Promise<MessageBusFactory>): void {
  describe(`MessageBus contract: ${name}`, () => {
    let factory: MessageBusFactory;
    let gates: Deferred<void>[];

    beforeEach(async () => {
      factory = await connect();
      gates = [];
    });

    afterEach(async () => {
      for (const gate of gates) gate.resolve();
      await factory.cleanup();
    });

    /** A gate that blocks a handler until the test opens it (or the test ends). */
    function gate(): Deferred<void> {
      const created = deferred();
      gates.push(created);
      return created;
    }

    async function startBus(service: string, setup: BusSetup = {}, register?: (bus: MessageBus) => void): Promise<MessageBus> {
      const bus = await factory.create(service, { retryDelaysMs: FAST_RETRIES, ...setup });
      register?.(bus);
      await bus.start();
      return bus;
    }

    const startCaller = () => startBus(uniqueService());

    describe('request/reply', () => {
      it('returns the typed result of a command and of a query', async () => {
        const service = uniqueService();
        const add = testCommand<{ a: number; b: number }, { sum: number }>(service, 'calculator.add');
        const shout = testQuery<{ word: string }, { loud: string }>(service, 'words.shout');
        const received: MessageEnvelope[] = [];
        await startBus(service, {}, (bus) => {
          bus.handle(add, async ({ a, b }, envelope) => {
            received.push(envelope);
            return { sum: a + b };
          });
          bus.handle(shout, async ({ word }) => ({ loud: word.toUpperCase() }));
        });
        const caller = await startCaller();

        const sum: { sum: number } = await caller.send(add, { a: 2, b: 3 });
        const loud: { loud: string } = await caller.query(shout, { word: 'voxify' });

        expect(sum).toEqual({ sum: 5 });
        expect(loud).toEqual({ loud: 'VOXIFY' });
        expect(received).toHaveLength(1);
        expect(received[0]).toMatchObject({ kind: 'command', type: add.type, version: 1, payload: { a: 2, b: 3 } });
      });

      it('never runs a handler synchronously inside send or publish', async () => {
        const service = uniqueService();
        const ping = testCommand<Record<string, never>, void>(service, 'sync.ping');
        const pinged = testEvent<Record<string, never>>(service, 'sync.pinged');
        const calledDuringCall: boolean[] = [];
        let insideCall = false;
        const eventHandled = deferred();
        await startBus(service, {}, (bus) => {
          bus.handle(ping, async () => {
            calledDuringCall.push(insideCall);
          });
          bus.subscribe(pinged, async () => {
            calledDuringCall.push(insideCall);
            eventHandled.resolve();
          });
        });
        const caller = await startCaller();

        insideCall = true;
        const reply = caller.send(ping, {});
        const published = caller.publish(pinged, {});
        insideCall = false;
        await Promise.all([reply, published, eventHandled.promise]);

        expect(calledDuringCall).toEqual([false, false]);
      });

      it('re-throws an ApplicationError with its code, message and details, without retrying it', async () => {
        const service = uniqueService();
        const find = testQuery<{ voiceId: string }, never>(service, 'voice.find');
        let calls = 0;
        const worker = await startBus(service, {}, (bus) =>
          bus.handle(find, async ({ voiceId }) => {
            calls++;
            throw new ApplicationError(ErrorCode.NOT_FOUND, `Voice ${voiceId} not found`, { voiceId });
          }),
        );
        const caller = await startCaller();

        const error = await caller.query(find, { voiceId: 'v-42' }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(ApplicationError);
        expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'Voice v-42 not found', details: { voiceId: 'v-42' } });
        await sleep(FAST_RETRIES[0] * 5);
        expect(calls).toBe(1);
        await expect(worker.peekDeadLetters('requests')).resolves.toEqual([]);
      });

      it('fails with BusTimeoutError when the handler is slower than the timeout', async () => {
        const service = uniqueService();
        const slow = testCommand<Record<string, never>, void>(service, 'slow.work');
        const release = gate();
        await startBus(service, {}, (bus) => bus.handle(slow, () => release.promise));
        const caller = await startCaller();

        const startedAt = Date.now();
        const error = await caller.send(slow, {}, { timeoutMs: 150 }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(BusTimeoutError);
        expect(error).toMatchObject({ code: ErrorCode.UPSTREAM_TIMEOUT, messageType: slow.type, timeoutMs: 150 });
        expect(Date.now() - startedAt).toBeLessThan(2000);
      });

      it('fails with ServiceUnavailableError at once when no queue receives the type', async () => {
        const service = uniqueService();
        const orphan = testCommand<Record<string, never>, void>(service, 'nobody.listens');
        const caller = await startCaller();

        const startedAt = Date.now();
        const error = await caller.send(orphan, {}, { timeoutMs: 3000 }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(ServiceUnavailableError);
        expect(error).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, service, messageType: orphan.type });
        expect(Date.now() - startedAt).toBeLessThan(2000);
      });

      it('fails with ServiceUnavailableError when the owner queue has no consumer left', async () => {
        const service = uniqueService();
        const work = testCommand<Record<string, never>, void>(service, 'gone.work');
        const worker = await startBus(service, {}, (bus) => bus.handle(work, async () => undefined));
        await worker.stopConsuming(1000);
        await worker.close();
        const caller = await startCaller();

        const error = await caller.send(work, {}, { timeoutMs: 200 }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(ServiceUnavailableError);
      });

      it('lets a request expire with its caller timeout, so a restarted service skips it', async () => {
        const service = uniqueService();
        const work = testCommand<{ label: string }, string>(service, 'stale.work');
        const first = await startBus(service, {}, (bus) => bus.handle(work, async ({ label }) => label));
        await first.stopConsuming(1000);
        await first.close();
        const caller = await startCaller();
        await expect(caller.send(work, { label: 'stale' }, { timeoutMs: 100 })).rejects.toBeInstanceOf(ServiceUnavailableError);
        await sleep(50);

        const handled: string[] = [];
        await startBus(service, {}, (bus) =>
          bus.handle(work, async ({ label }) => {
            handled.push(label);
            return label;
          }),
        );

        await expect(caller.send(work, { label: 'fresh' })).resolves.toBe('fresh');
        expect(handled).toEqual(['fresh']);
      });
    });

    describe('events', () => {
      it('delivers one event to every subscribing service, once each', async () => {
        const owner = uniqueService();
        const uploaded = testEvent<{ sampleId: string }>(owner, 'sample.uploaded');
        const received = new Map<string, string[]>();
        const subscribers = [uniqueService(), uniqueService()];
        for (const subscriber of subscribers) {
          received.set(subscriber, []);
          await startBus(subscriber, {}, (bus) =>
            bus.subscribe(uploaded, async ({ sampleId }) => {
              received.get(subscriber)!.push(sampleId);
            }),
          );
        }
        const publisher = await startBus(owner);

        await publisher.publish(uploaded, { sampleId: 's-1' });

        await waitFor('both subscribers to get the event', () => subscribers.every((s) => received.get(s)!.length > 0));
        await sleep(100);
        for (const subscriber of subscribers) expect(received.get(subscriber)).toEqual(['s-1']);
      });

      it('routes by topic pattern: * is one word, # is any number of words', async () => {
        const owner = uniqueService();
        const sampleUploaded = testEvent<{ n: number }>(owner, 'sample.uploaded');
        const sampleDeletedForGood = testEvent<{ n: number }>(owner, 'sample.deleted.permanently');
        const profileCreated = testEvent<{ n: number }>(owner, 'profile.created');
        const sampleDone = testEvent<{ n: number }>(owner, 'sample.done');
        const oneWord: string[] = [];
        const anyWords: string[] = [];
        const oneWordDone = deferred();
        const anyWordsDone = deferred();
        await startBus(uniqueService(), { prefetch: 1 }, (bus) =>
          bus.subscribe(`${owner}.sample.*`, async (_payload, envelope) => {
            oneWord.push(envelope.type);
            if (envelope.type === sampleDone.type) oneWordDone.resolve();
          }),
        );
        await startBus(uniqueService(), { prefetch: 1 }, (bus) =>
          bus.subscribe(`${owner}.#`, async (_payload, envelope) => {
            anyWords.push(envelope.type);
            if (envelope.type === sampleDone.type) anyWordsDone.resolve();
          }),
        );
        const publisher = await startBus(owner);

        // Published last, the sentinel arrives after everything before it in each queue.
        for (const event of [sampleUploaded, sampleDeletedForGood, profileCreated, sampleDone]) {
          await publisher.publish(event, { n: 1 });
        }
        await Promise.all([oneWordDone.promise, anyWordsDone.promise]);

        expect(oneWord).toEqual([sampleUploaded.type, sampleDone.type]);
        expect(anyWords).toEqual([sampleUploaded.type, sampleDeletedForGood.type, profileCreated.type, sampleDone.type]);
      });
    });

    describe('instance-scoped subscriptions', () => {
      it('delivers an instance-scoped event to every instance of a service, a service-scoped one to only one', async () => {
        const owner = uniqueService();
        const keyRevoked = testEvent<{ keyId: string }>(owner, 'key.revoked');
        const keyCreated = testEvent<{ keyId: string }>(owner, 'key.created');
        const service = uniqueService();
        const broadcast: Record<string, string[]> = { one: [], two: [] };
        const shared: Record<string, string[]> = { one: [], two: [] };
        for (const instance of ['one', 'two']) {
          await startBus(service, {}, (bus) => {
            bus.subscribe(keyRevoked, async ({ keyId }) => void broadcast[instance]!.push(keyId), { scope: 'instance' });
            bus.subscribe(keyCreated, async ({ keyId }) => void shared[instance]!.push(keyId));
          });
        }
        const publisher = await startBus(owner);

        await publisher.publish(keyRevoked, { keyId: 'k-1' });
        await publisher.publish(keyCreated, { keyId: 'k-2' });

        await waitFor('both instances to get the broadcast', () => broadcast.one!.length > 0 && broadcast.two!.length > 0);
        await waitFor('one instance to get the shared event', () => shared.one!.length + shared.two!.length > 0);
        await sleep(100);
        expect(broadcast).toEqual({ one: ['k-1'], two: ['k-1'] });
        expect([...shared.one!, ...shared.two!]).toEqual(['k-2']);
      });

      it('logs and drops an event whose instance-scoped handler fails, without retrying or dead-lettering it', async () => {
        const owner = uniqueService();
        const flaky = testEvent<{ n: number }>(owner, 'cache.flaky');
        const errors: string[] = [];
        const logger = {
          info: () => undefined,
          warn: () => undefined,
          error: (_fields: object, message: string) => void errors.push(message),
        };
        const handled: number[] = [];
        const bus = await startBus(uniqueService(), { logger }, (b) =>
          b.subscribe(
            flaky,
            async ({ n }) => {
              handled.push(n);
              if (n === 1) throw new Error('cache update failed');
            },
            { scope: 'instance' },
          ),
        );
        const publisher = await startBus(owner);

        await publisher.publish(flaky, { n: 1 });
        await publisher.publish(flaky, { n: 2 });

        await waitFor('the event after the failing one', () => handled.includes(2));
        await sleep(FAST_RETRIES[1] * 3);
        expect(handled).toEqual([1, 2]);
        expect(errors).toHaveLength(1);
        await expect(bus.peekDeadLetters('events')).resolves.toEqual([]);
      });
    });

    describe('competing consumers', () => {
      it('shares the commands of one service between its instances, each handled exactly once', async () => {
        const service = uniqueService();
        const work = testCommand<{ n: number }, { instance: string }>(service, 'batch.work');
        const handledBy = new Map<string, number[]>([
          ['one', []],
          ['two', []],
        ]);
        for (const instance of handledBy.keys()) {
          await startBus(service, { prefetch: 1 }, (bus) =>
            bus.handle(work, async ({ n }) => {
              handledBy.get(instance)!.push(n);
              await sleep(10);
              return { instance };
            }),
          );
        }
        const caller = await startCaller();
        const total = 20;

        const replies = await Promise.all(Array.from({ length: total }, (_, n) => caller.send(work, { n })));

        const one = handledBy.get('one')!;
        const two = handledBy.get('two')!;
        expect(one.length).toBeGreaterThan(0);
        expect(two.length).toBeGreaterThan(0);
        expect([...one, ...two].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, n) => n));
        expect(replies.filter((reply) => reply.instance === 'one')).toHaveLength(one.length);
      });

      it('redelivers the unacked message of an instance that dies to another instance', async () => {
        const service = uniqueService();
        const work = testCommand<{ job: string }, { handledBy: string }>(service, 'fragile.work');
        const seenIds: Record<string, string[]> = { dying: [], survivor: [] };
        const dyingGotIt = deferred();
        const neverFinishes = gate();
        const dying = await startBus(service, { prefetch: 1 }, (bus) =>
          bus.handle(work, async (_payload, envelope) => {
            seenIds.dying!.push(envelope.id);
            dyingGotIt.resolve();
            await neverFinishes.promise;
            return { handledBy: 'dying' };
          }),
        );
        const caller = await startCaller();
        const reply = caller.send(work, { job: 'render' }, { timeoutMs: 5000 });
        await dyingGotIt.promise;

        await startBus(service, { prefetch: 1 }, (bus) =>
          bus.handle(work, async (_payload, envelope) => {
            seenIds.survivor!.push(envelope.id);
            return { handledBy: 'survivor' };
          }),
        );
        await dying.close();

        await expect(reply).resolves.toEqual({ handledBy: 'survivor' });
        expect(seenIds.survivor).toEqual(seenIds.dying);
      });
    });

    describe('failures', () => {
      it('retries a failing event handler as configured, then dead-letters the event', async () => {
        const owner = uniqueService();
        const happened = testEvent<{ n: number }>(owner, 'flaky.happened');
        const subscriber = uniqueService();
        let calls = 0;
        const bus = await startBus(subscriber, {}, (b) =>
          b.subscribe(happened, async () => {
            calls++;
            throw new Error('boom in the event handler');
          }),
        );
        const publisher = await startBus(owner);
        const messageId = randomUUID();

        await publisher.publish(happened, { n: 7 }, { messageId });

        await waitFor('the event in the dead-letter queue', async () => (await bus.peekDeadLetters('events')).length > 0);
        const [deadLetter, ...others] = await bus.peekDeadLetters('events');
        expect(others).toEqual([]);
        expect(deadLetter!.envelope).toMatchObject({ id: messageId, type: happened.type, payload: { n: 7 } });
        expect(deadLetter!.attempts).toBe(DELIVERIES_BEFORE_DEAD_LETTER);
        expect(deadLetter!.reason).toContain('boom in the event handler');
        expect(deadLetter!.queue).toContain(queueName(subscriber, 'events'));
        expect(Number.isNaN(Date.parse(deadLetter!.deadLetteredAt))).toBe(false);
        await sleep(FAST_RETRIES[1] * 3);
        expect(calls).toBe(DELIVERIES_BEFORE_DEAD_LETTER);
      });

      it('retries a failing command, dead-letters it and answers its caller INTERNAL_ERROR', async () => {
        const service = uniqueService();
        const work = testCommand<{ n: number }, void>(service, 'broken.work');
        let calls = 0;
        const worker = await startBus(service, {}, (bus) =>
          bus.handle(work, async () => {
            calls++;
            throw new Error('database exploded');
          }),
        );
        const caller = await startCaller();

        const error = await caller.send(work, { n: 1 }, { timeoutMs: 5000 }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(ApplicationError);
        expect(error).toMatchObject({ code: ErrorCode.INTERNAL_ERROR });
        expect(calls).toBe(DELIVERIES_BEFORE_DEAD_LETTER);
        const deadLetters = await worker.peekDeadLetters('requests');
        expect(deadLetters).toHaveLength(1);
        expect(deadLetters[0]).toMatchObject({ attempts: DELIVERIES_BEFORE_DEAD_LETTER, envelope: { type: work.type } });
        expect(deadLetters[0]!.reason).toContain('database exploded');
      });

      it('replies with the result when a retry succeeds', async () => {
        const service = uniqueService();
        const work = testCommand<Record<string, never>, string>(service, 'transient.work');
        let calls = 0;
        const worker = await startBus(service, {}, (bus) =>
          bus.handle(work, async () => {
            calls++;
            if (calls === 1) throw new Error('connection reset');
            return 'done';
          }),
        );
        const caller = await startCaller();

        await expect(caller.send(work, {})).resolves.toBe('done');
        expect(calls).toBe(2);
        await expect(worker.peekDeadLetters('requests')).resolves.toEqual([]);
      });
    });

    describe('context propagation', () => {
      it('carries the correlation id into nested messages, with the parent id as causation id', async () => {
        const outerService = uniqueService();
        const innerService = uniqueService();
        const outer = testCommand<Record<string, never>, string>(outerService, 'chain.start');
        const inner = testCommand<Record<string, never>, string>(innerService, 'chain.step');
        const stepped = testEvent<Record<string, never>>(outerService, 'chain.stepped');
        let outerScope: ActiveContext | undefined;
        let innerEnvelope: MessageEnvelope | undefined;
        const eventEnvelope = deferred<MessageEnvelope>();
        await startBus(innerService, {}, (bus) =>
          bus.handle(inner, async (_payload, envelope) => {
            innerEnvelope = envelope;
            return 'stepped';
          }),
        );
        await startBus(uniqueService(), {}, (bus) => bus.subscribe(stepped, async (_payload, envelope) => eventEnvelope.resolve(envelope)));
        await startBus(outerService, {}, (bus) =>
          bus.handle(outer, async () => {
            outerScope = currentContext();
            const result = await bus.send(inner, {});
            await bus.publish(stepped, {});
            return result;
          }),
        );
        const caller = await startCaller();
        const correlationId = randomUUID();
        const outerId = randomUUID();

        await expect(caller.send(outer, {}, { messageId: outerId, context: { correlationId, userId: 'u-1' } })).resolves.toBe('stepped');

        expect(outerScope).toMatchObject({ correlationId, messageId: outerId, userId: 'u-1' });
        expect(innerEnvelope).toMatchObject({ correlationId, causationId: outerId, userId: 'u-1' });
        await expect(eventEnvelope.promise).resolves.toMatchObject({ correlationId, causationId: outerId });
      });
    });

    describe('idempotency (real PostgreSQL)', () => {
      let scratch: ScratchSchema;

      beforeEach(async () => {
        scratch = await createScratchSchema();
        await createProcessedMessagesTable(scratch.dataSource, scratch.schema);
        await scratch.dataSource.query(`CREATE TABLE "${scratch.schema}".credits (message_id text NOT NULL, amount integer NOT NULL)`);
      });

      afterEach(async () => {
        await scratch.drop();
      });

      const creditsFor = async (messageId: string): Promise<number> => {
        const rows = (await scratch.dataSource.query(`SELECT count(*)::int AS n FROM "${scratch.schema}".credits WHERE message_id = $1`, [
          messageId,
        ])) as { n: number }[];
        return rows[0]!.n;
      };

      it('applies a command sent twice with one message id once', async () => {
        const service = uniqueService();
        const grant = testCommand<{ amount: number }, { applied: boolean }>(service, 'credits.grant');
        const consumer = new IdempotentConsumer(scratch.dataSource, `${service}.credits-grant`);
        await startBus(service, {}, (bus) =>
          bus.handle(grant, async ({ amount }, envelope) => {
            const applied = await consumer.run(envelope.id, async (manager) => {
              await manager.query(`INSERT INTO "${scratch.schema}".credits (message_id, amount) VALUES ($1, $2)`, [envelope.id, amount]);
            });
            return { applied };
          }),
        );
        const caller = await startCaller();
        const messageId = randomUUID();

        const first = await caller.send(grant, { amount: 10 }, { messageId });
        const second = await caller.send(grant, { amount: 10 }, { messageId });

        expect([first, second]).toEqual([{ applied: true }, { applied: false }]);
        expect(await creditsFor(messageId)).toBe(1);
      });

      it('applies an event delivered twice (same envelope id) once', async () => {
        const owner = uniqueService();
        const earned = testEvent<{ amount: number }>(owner, 'credits.earned');
        const subscriber = uniqueService();
        const consumer = new IdempotentConsumer(scratch.dataSource, `${subscriber}.credits-earned`);
        const outcomes: boolean[] = [];
        await startBus(subscriber, { prefetch: 1 }, (bus) =>
          bus.subscribe(earned, async ({ amount }, envelope) => {
            outcomes.push(
              await consumer.run(envelope.id, async (manager) => {
                await manager.query(`INSERT INTO "${scratch.schema}".credits (message_id, amount) VALUES ($1, $2)`, [envelope.id, amount]);
              }),
            );
          }),
        );
        const publisher = await startBus(owner);
        const envelope = createEnvelope(earned, { amount: 5 });

        await publisher.publishEnvelopes([envelope, envelope]);

        await waitFor('both deliveries', () => outcomes.length === 2);
        expect(outcomes).toEqual([true, false]);
        expect(await creditsFor(envelope.id)).toBe(1);
      });
    });

    describe('graceful stop', () => {
      it('waits for an in-flight handler, whose reply still arrives, and takes no new message', async () => {
        const service = uniqueService();
        const work = testCommand<{ n: number }, { n: number }>(service, 'long.work');
        const started = deferred();
        let finished = false;
        const worker = await startBus(service, {}, (bus) =>
          bus.handle(work, async ({ n }) => {
            started.resolve();
            await sleep(300);
            finished = true;
            return { n };
          }),
        );
        const caller = await startCaller();
        const reply = caller.send(work, { n: 1 }, { timeoutMs: 5000 });
        await started.promise;

        await worker.stopConsuming(5000);

        expect(finished).toBe(true);
        await expect(reply).resolves.toEqual({ n: 1 });
        await expect(caller.send(work, { n: 2 }, { timeoutMs: 200 })).rejects.toBeInstanceOf(ServiceUnavailableError);
      });

      it('gives up waiting after the grace period', async () => {
        const service = uniqueService();
        const work = testCommand<Record<string, never>, void>(service, 'stuck.work');
        const started = deferred();
        const stuck = gate();
        const worker = await startBus(service, {}, (bus) =>
          bus.handle(work, async () => {
            started.resolve();
            await stuck.promise;
          }),
        );
        const caller = await startCaller();
        void caller.send(work, {}, { timeoutMs: 5000 }).catch(() => undefined);
        await started.promise;

        const stopStartedAt = Date.now();
        await worker.stopConsuming(100);

        expect(Date.now() - stopStartedAt).toBeLessThan(1000);
      });
    });
  });
}
