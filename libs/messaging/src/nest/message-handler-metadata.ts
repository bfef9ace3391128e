import 'reflect-metadata';
import type { EventDefinition, RequestDefinition } from '#contracts';
import type { SubscribeOptions } from '../port/message-bus.js';

/** What a decorated method answers: a command/query it handles, or events it subscribes to. */
export type MessageHandlerBinding =
  | { readonly role: 'request'; readonly definition: RequestDefinition<unknown, unknown> }
  | { readonly role: 'event'; readonly event: EventDefinition<unknown> | string; readonly options?: SubscribeOptions };

const MESSAGE_HANDLER_BINDINGS = 'voxify:message-handler-bindings';

/** A method decorator that appends a binding, so one method may carry several decorators. */
export function bindMessageHandler(binding: MessageHandlerBinding): MethodDecorator {
  return (_target, _propertyKey, descriptor) => {
    const method: unknown = descriptor.value;
    if (typeof method !== 'function') throw new Error('Message handler decorators apply to methods only');
    Reflect.defineMetadata(MESSAGE_HANDLER_BINDINGS, [...messageHandlerBindings(method), binding], method);
  };
}

export function messageHandlerBindings(method: unknown): readonly MessageHandlerBinding[] {
  if (typeof method !== 'function') return [];
  return (Reflect.getMetadata(MESSAGE_HANDLER_BINDINGS, method) as MessageHandlerBinding[] | undefined) ?? [];
}
