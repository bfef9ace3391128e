import { BACKEND_SERVICES, serviceReadinessQuery, type BackendServiceName, type ServiceReadinessResult } from '#contracts';
import { InProcessBroker, InProcessMessageBus, type MessageBus } from '#messaging';

/** A broker in this process with the gateway's bus and whichever back-end service buses a test starts. */
export class InProcessBackend {
  readonly broker = new InProcessBroker();
  readonly gatewayBus: MessageBus = new InProcessMessageBus(this.broker, { service: 'api-gateway' });
  private readonly serviceBuses: MessageBus[] = [];

  /** Starts a bus for `service` after `register` has added its handlers. */
  async startService(service: BackendServiceName, register: (bus: MessageBus) => void): Promise<MessageBus> {
    const bus = new InProcessMessageBus(this.broker, { service });
    register(bus);
    await bus.start();
    this.serviceBuses.push(bus);
    return bus;
  }

  /** Starts every back-end service answering its readiness query (unless `answer` says otherwise). */
  async startReadyServices(
    answer: (service: BackendServiceName) => Promise<ServiceReadinessResult> = async (service) => readyResult(service),
    services: readonly BackendServiceName[] = BACKEND_SERVICES,
  ): Promise<void> {
    for (const service of services) {
      await this.startService(service, (bus) => bus.handle(serviceReadinessQuery(service), () => answer(service)));
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.gatewayBus, ...this.serviceBuses].map((bus) => bus.close()));
  }
}

export function readyResult(service: BackendServiceName, overrides: Partial<ServiceReadinessResult> = {}): ServiceReadinessResult {
  return {
    service,
    ready: true,
    checks: { database: 'up', broker: 'up' },
    schemaVersion: `${service}-0001`,
    instanceId: `${service}-1`,
    uptimeSeconds: 42,
    ...overrides,
  };
}
