import { mergeRouteConfig } from '../routing/merge-route-config.js';

/** Keys this library keeps in a route's Fastify config. */
export interface EnvelopeRouteConfig {
  /** The handler's return value is the whole body: no success envelope is added. */
  rawResponse?: boolean;
  /** Goes into `message` of the success envelope. */
  responseMessage?: string;
}

/** Sends what the handler returns as-is (files, audio, a body that already is an envelope). */
export function RawResponse(): MethodDecorator {
  return mergeRouteConfig({ rawResponse: true } satisfies EnvelopeRouteConfig);
}

/** Adds a fixed `message` to the success envelope, e.g. `@ResponseMessage('Voice sample uploaded')`. */
export function ResponseMessage(message: string): MethodDecorator {
  return mergeRouteConfig({ responseMessage: message } satisfies EnvelopeRouteConfig);
}
