import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EventHandler, RequestHandler } from '../port/message-bus.js';
import { MessageBus } from '../port/message-bus.js';
import { messageHandlerBindings, type MessageHandlerBinding } from './message-handler-metadata.js';
import { MESSAGING_MODULE_OPTIONS, type MessagingModuleOptions } from './messaging-module-options.js';

type HandlerMethod = (payload: unknown, envelope: unknown) => Promise<unknown>;

/**
 * Finds the @HandleMessage / @OnEvent methods of every provider and controller, registers them on
 * the bus and starts it; on shutdown stops consuming (letting in-flight handlers finish) and closes it.
 */
@Injectable()
export class MessageHandlerExplorer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly bus: MessageBus,
    @Inject(MESSAGING_MODULE_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const registered = new Set<object>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      if (!wrapper.isDependencyTreeStatic()) {
        this.refuseScopedHandlers(wrapper.metatype, wrapper.name);
        continue;
      }
      const instance: unknown = wrapper.instance;
      // Aliases (useExisting) expose the same instance under several tokens: register it once.
      if (!instance || typeof instance !== 'object' || registered.has(instance)) continue;
      registered.add(instance);
      this.register(instance);
    }
    await this.bus.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.stopConsuming(this.options.shutdownGraceMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }

  private register(instance: object): void {
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = prototype![methodName];
      for (const binding of messageHandlerBindings(method)) {
        this.bind(binding, (method as HandlerMethod).bind(instance));
      }
    }
  }

  private bind(binding: MessageHandlerBinding, handler: HandlerMethod): void {
    if (binding.role === 'request') this.bus.handle(binding.definition, handler as RequestHandler<unknown, unknown>);
    else this.bus.subscribe(binding.event, handler as EventHandler<unknown>, binding.options);
  }

  /** A request-scoped provider has no instance to call when a message arrives. */
  private refuseScopedHandlers(metatype: unknown, name: unknown): void {
    if (typeof metatype !== 'function') return;
    const prototype = metatype.prototype as Record<string, unknown> | undefined;
    if (!prototype) return;
    const decorated = this.scanner.getAllMethodNames(prototype).filter((method) => messageHandlerBindings(prototype[method]).length > 0);
    if (decorated.length > 0) {
      throw new Error(`${String(name)} is request-scoped and cannot handle messages (${decorated.join(', ')}); make it a singleton`);
    }
  }
}
