import 'reflect-metadata';
import { RabbitMqMessageBus } from '#messaging';
import { runUntilSignal } from '#service-runtime';
import { loadStandaloneGatewayConfig } from './gateway.config.js';
import { startGateway } from './gateway.app.js';

await runUntilSignal('api-gateway', async () => {
  const config = loadStandaloneGatewayConfig();
  return startGateway(config, (options) => RabbitMqMessageBus.connect({ ...options, url: config.amqpUrl }));
});
