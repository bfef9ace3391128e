import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ApplicationError, defineQuery, type MessageContext } from '#contracts';
import { MessageBus } from '#messaging';
import type { InProcessBackend } from './in-process-backend.js';

export const failingLookupQuery = defineQuery<{ code: string }, never>('voice', 'voice.test.failing-lookup');
export const slowLookupQuery = defineQuery<Record<string, never>, never>('voice', 'voice.test.slow-lookup');
export const contextEchoQuery = defineQuery<{ note?: string }, MessageContext & { note?: string }>('voice', 'voice.test.context-echo');
export const storageLookupQuery = defineQuery<Record<string, never>, never>('storage', 'storage.test.lookup');

export const SLOW_LOOKUP_TIMEOUT_MS = 50;

export class NoteDto {
  @IsString()
  note!: string;
}

/** Routes that reach the voice service over the bus, as feature routes will. */
@Controller('lookups')
export class VoiceLookupController {
  constructor(private readonly bus: MessageBus) {}

  @Get('failing/:code')
  failing(@Param('code') code: string): Promise<never> {
    return this.bus.query(failingLookupQuery, { code });
  }

  @Get('slow')
  slow(): Promise<never> {
    return this.bus.query(slowLookupQuery, {}, { timeoutMs: SLOW_LOOKUP_TIMEOUT_MS });
  }

  @Get('storage')
  storage(): Promise<never> {
    return this.bus.query(storageLookupQuery, {});
  }

  @Get('context')
  context(): Promise<MessageContext> {
    return this.bus.query(contextEchoQuery, {});
  }

  @Post('context')
  contextWithBody(@Body() body: NoteDto): Promise<MessageContext> {
    return this.bus.query(contextEchoQuery, { note: body.note });
  }
}

/**
 * Starts the voice service's side of VoiceLookupController; the storage service is left stopped.
 * Returns a function releasing the slow lookups still waiting, for teardown.
 */
export async function startVoiceLookupService(backend: InProcessBackend): Promise<() => void> {
  const waiting: Array<() => void> = [];
  await backend.startService('voice', (bus) => {
    bus.handle(failingLookupQuery, async ({ code }) => {
      throw new ApplicationError(
        code,
        `Lookup failed with ${code}`,
        code === 'VALIDATION_ERROR' ? [{ field: 'text', messages: ['too long'] }] : undefined,
      );
    });
    bus.handle(
      slowLookupQuery,
      () => new Promise<never>((_resolve, reject) => waiting.push(() => reject(new ApplicationError('CANCELLED', 'test over')))),
    );
    bus.handle(contextEchoQuery, async (payload, envelope) => ({
      correlationId: envelope.correlationId,
      ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
      ...(payload.note ? { note: payload.note } : {}),
    }));
  });
  return () => waiting.splice(0).forEach((release) => release());
}
