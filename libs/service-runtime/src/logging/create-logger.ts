import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { currentContext } from '#messaging';

export type { Logger } from 'pino';

/**
 * JSON logs (pino) stamped with the service name and, inside a request or a consumed message, its
 * correlation id, causation/message id and user id — so one user action can be followed across
 * every service that handled it.
 */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'message',
      mixin() {
        const context = currentContext();
        if (!context) return {};
        const fields: Record<string, string> = { correlationId: context.correlationId };
        if (context.messageId) fields.messageId = context.messageId;
        if (context.userId) fields.userId = context.userId;
        return fields;
      },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'refresh_token',
          '*.refresh_token',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
