export { RabbitMqMessageBus } from './rabbitmq-message-bus.js';
export type { RabbitMqBusOptions } from './rabbitmq-bus-options.js';
export { DEAD_LETTER_REASON_HEADER, DEAD_LETTERED_AT_HEADER, SOURCE_QUEUE_HEADER } from './wire-format.js';
