import { Inject, Injectable, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { GetPlatformConfigQuery, PlatformConfigChangedEvent, UNSET_PLATFORM_CONFIG, type PlatformConfig } from '#contracts';
import { MessageBus, OnEvent } from '#messaging';
import type { Logger } from '../logging/create-logger.js';
import { APP_LOGGER } from '../runtime.tokens.js';
import {
  DEFAULT_PLATFORM_CONFIG_QUERY_TIMEOUT_MS,
  DEFAULT_PLATFORM_CONFIG_RESYNC_INTERVAL_MS,
  DEFAULT_PLATFORM_CONFIG_RETRY_DELAYS_MS,
  PLATFORM_CONFIG_OPTIONS,
  type PlatformConfigOptions,
} from './platform-config.options.js';

/** Told the new settings (and the ones they replace) each time a newer version is applied. */
export type PlatformConfigListener = (config: Readonly<PlatformConfig>, previous: Readonly<PlatformConfig>) => void;

/**
 * The admin's runtime settings as this instance knows them, kept current without a restart. Until
 * identity answers it holds the defaults (version 0); it then asks again in the background, and
 * applies every `identity.platform-config.changed` event (delivered to each instance). A version
 * older than, or the same as, the one held is ignored, so late answers and redelivered events are harmless.
 */
@Injectable()
export class PlatformConfigProvider implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private config: Readonly<PlatformConfig> = deepFreeze(structuredClone(UNSET_PLATFORM_CONFIG));
  private readonly listeners = new Set<PlatformConfigListener>();
  private readonly queryTimeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly resyncIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private markLoaded!: () => void;
  private readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly bus: MessageBus,
    @Optional() @Inject(PLATFORM_CONFIG_OPTIONS) options: PlatformConfigOptions | null,
    @Optional() @Inject(APP_LOGGER) private readonly logger: Logger | null,
  ) {
    this.queryTimeoutMs = options?.queryTimeoutMs ?? DEFAULT_PLATFORM_CONFIG_QUERY_TIMEOUT_MS;
    this.retryDelaysMs = options?.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_PLATFORM_CONFIG_RETRY_DELAYS_MS;
    this.resyncIntervalMs = options?.resyncIntervalMs ?? DEFAULT_PLATFORM_CONFIG_RESYNC_INTERVAL_MS;
  }

  /** The settings in force here (frozen: read, never change). */
  current(): Readonly<PlatformConfig> {
    return this.config;
  }

  /** Calls `listener` on every newer version from now on; returns the function that unsubscribes it. */
  onChange(listener: PlatformConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once identity's answer (or a change event) has replaced the start-up defaults. */
  async whenLoaded(): Promise<Readonly<PlatformConfig>> {
    await this.loaded;
    return this.config;
  }

  onApplicationBootstrap(): void {
    void this.load(0);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  @OnEvent(PlatformConfigChangedEvent, { scope: 'instance' })
  async changed(payload: { config: PlatformConfig }): Promise<void> {
    this.apply(payload.config, 'event');
  }

  /** Applies `config` when it is newer than the version held; returns whether it did. */
  apply(config: PlatformConfig, source: 'query' | 'event'): boolean {
    if (source === 'query') this.markLoaded();
    if (config.version <= this.config.version) return false;
    const previous = this.config;
    this.config = deepFreeze(structuredClone(config));
    this.markLoaded();
    this.logger?.info({ version: config.version, source }, 'platform settings applied');
    for (const listener of this.listeners) {
      try {
        listener(this.config, previous);
      } catch (error) {
        this.logger?.error({ err: error, version: config.version }, 'a platform settings listener failed');
      }
    }
    return true;
  }

  private async load(attempt: number): Promise<void> {
    if (this.stopped) return;
    try {
      this.apply(await this.bus.query(GetPlatformConfigQuery, {}, { timeoutMs: this.queryTimeoutMs }), 'query');
      this.schedule(() => this.load(0), this.resyncIntervalMs);
    } catch (error) {
      if (this.stopped) return;
      const delayMs = this.retryDelaysMs[Math.min(attempt, this.retryDelaysMs.length - 1)]!;
      const log = { err: error instanceof Error ? error.message : String(error), attempt: attempt + 1, retryInMs: delayMs };
      // The first misses are normal while identity starts; keep saying so, but quietly.
      if (attempt < this.retryDelaysMs.length) this.logger?.debug(log, 'platform settings not available yet; using what is held');
      else this.logger?.warn(log, 'platform settings still not available; using what is held');
      this.schedule(() => this.load(attempt + 1), delayMs);
    }
  }

  private schedule(work: () => Promise<void>, delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void work(), delayMs);
    this.timer.unref();
  }
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const nested of Object.values(value)) {
    if (typeof nested === 'object' && nested !== null) deepFreeze(nested as object);
  }
  return Object.freeze(value);
}
