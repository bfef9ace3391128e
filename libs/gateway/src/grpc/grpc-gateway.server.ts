import { loadPackageDefinition, Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { MessageBus } from '#messaging';
import { BlobStore } from '#storage';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { identityGrpcService } from './identity.grpc-service.js';
import { findProtoRoot, IDENTITY_PROTO, TTS_PROTO } from './proto-files.js';
import { rateLimitedGrpcAuthenticator } from './rate-limited-grpc-authenticator.js';
import { ttsGrpcService } from './tts.grpc-service.js';

export interface GrpcServerOptions {
  /** 0 picks a free port (see `port` once started). */
  port: number;
  host: string;
  /** Where the `.proto` files are; found upwards from this module when absent. */
  protoRoot?: string;
  /** How long a stop lets running calls finish before cancelling them. */
  shutdownGraceMs?: number;
}

/** How every Voxify proto is loaded: field names as written in the proto (snake_case), like the REST API. */
export const PROTO_LOADER_OPTIONS = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true } as const;

const DEFAULT_SHUTDOWN_GRACE_MS = 5000;

/**
 * The gateway's gRPC endpoint (`voxify.v1.Identity`, `voxify.v1.Tts`), started with the app and
 * stopped with it. Its calls are authenticated by the same CredentialsAuthenticator as HTTP; Tts
 * reads the audio from the files module's BlobStore, looked up in the app when a call needs it. Every
 * call counts against the caller's per-user rate limit, shared with HTTP (rateLimitedGrpcAuthenticator).
 */
export class GrpcGatewayServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GrpcGatewayServer');
  private server: Server | undefined;
  private boundPort: number | undefined;

  constructor(
    private readonly authenticator: CredentialsAuthenticator,
    private readonly options: GrpcServerOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The port it listens on, once started. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('The gRPC server is not listening');
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const protoRoot = this.options.protoRoot ?? findProtoRoot();
    const logError = (error: unknown, method: string): void =>
      this.logger.error(`Unexpected error in ${method}`, error instanceof Error ? error.stack : String(error));
    const server = new Server();
    const authenticator = rateLimitedGrpcAuthenticator(this.authenticator, this.moduleRef.get(RateLimiter, { strict: false }));
    server.addService(loadServiceDefinition(protoRoot, IDENTITY_PROTO, 'voxify.v1.Identity'), identityGrpcService(authenticator, logError));
    const tts = {
      bus: this.moduleRef.get(MessageBus, { strict: false }),
      blobs: () => this.moduleRef.get(BlobStore, { strict: false }),
    };
    server.addService(loadServiceDefinition(protoRoot, TTS_PROTO, 'voxify.v1.Tts'), ttsGrpcService(authenticator, tts, logError));
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${this.options.host}:${this.options.port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
    this.logger.log(`gRPC listening on ${this.options.host}:${this.boundPort}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const graceMs = this.options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** The service definition of `serviceName` (e.g. `voxify.v1.Identity`) from a proto file. */
export function loadServiceDefinition(protoRoot: string, file: string, serviceName: string): ServiceDefinition {
  const definition = loadSync(file, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot] });
  let node: unknown = loadPackageDefinition(definition);
  for (const part of serviceName.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const service = (node as { service?: ServiceDefinition } | undefined)?.service;
  if (!service) throw new Error(`${serviceName} is not defined in ${file}`);
  return service;
}
