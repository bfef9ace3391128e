import { RabbitMqMessageBus } from '#messaging';
import { loadStandaloneServiceConfig } from '../config/service-config.js';
import { startBackendService, type BackendServiceDefinition } from './backend-service.js';
import { runUntilSignal } from './run-until-signal.js';
import { ProcessTracing } from '../tracing/process-tracing.js';
import { loadTracingConfig } from '../tracing/tracing-config.js';

/** Entry point of a back-end app run as its own process against real PostgreSQL and RabbitMQ. */
export async function runStandaloneService(definition: BackendServiceDefinition): Promise<void> {
  await runUntilSignal(definition.service, async () => {
    const config = loadStandaloneServiceConfig(definition.service);
    const tracing = ProcessTracing.start(loadTracingConfig(definition.service));
    const service = await startBackendService(definition, {
      databaseUrl: config.databaseUrl,
      runtime: config,
      http: { host: config.host, port: config.port },
      createBus: (options) => RabbitMqMessageBus.connect({ ...options, url: config.amqpUrl }),
      tracing,
    });
    return {
      close: async () => {
        await service.close();
        await tracing.shutdown(); // flushes the spans still buffered
      },
    };
  });
}
