import 'reflect-metadata';
import { RabbitMqMessageBus } from '#messaging';
import { loadTracingConfig, ProcessTracing, runUntilSignal } from '#service-runtime';
import { loadStandaloneGatewayConfig } from './gateway.config.js';
import { startGateway } from './gateway.app.js';

await runUntilSignal('api-gateway', async () => {
  const config = loadStandaloneGatewayConfig();
  const tracing = ProcessTracing.start(loadTracingConfig('api-gateway'));
  const gateway = await startGateway(config, (options) => RabbitMqMessageBus.connect({ ...options, url: config.amqpUrl }), tracing);
  return {
    close: async () => {
      await gateway.close();
      await tracing.shutdown(); // flushes the spans still buffered
    },
  };
});
