import type { MessageEnvelope } from '#contracts';
import { BrokerUnavailableError, MessageBus, type DeadLetter } from '#messaging';

/**
 * A bus for the relay's tests that records what it was asked to publish, and can be made slow or
 * unreachable. Only publishEnvelopes is used by the relay; the rest is not part of these tests.
 */
export class RecordingMessageBus extends MessageBus {
  readonly service = 'recording';
  readonly published: MessageEnvelope[] = [];
  reachable = true;
  confirmDelayMs = 0;
  calls = 0;

  async publishEnvelopes(envelopes: readonly MessageEnvelope[]): Promise<void> {
    this.calls++;
    if (this.confirmDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.confirmDelayMs));
    if (!this.reachable) throw new BrokerUnavailableError();
    this.published.push(...envelopes);
  }

  isConnected(): boolean {
    return this.reachable;
  }

  send(): Promise<never> {
    return this.unsupported('send');
  }
  query(): Promise<never> {
    return this.unsupported('query');
  }
  publish(): Promise<never> {
    return this.unsupported('publish');
  }
  handle(): void {
    this.unsupported('handle');
  }
  subscribe(): void {
    this.unsupported('subscribe');
  }
  async start(): Promise<void> {}
  async stopConsuming(): Promise<void> {}
  async close(): Promise<void> {}
  peekDeadLetters(): Promise<DeadLetter[]> {
    return this.unsupported('peekDeadLetters');
  }

  private unsupported(method: string): never {
    throw new Error(`RecordingMessageBus.${method} is not used by the outbox relay`);
  }
}
