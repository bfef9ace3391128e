import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { DataSource } from 'typeorm';
import type { HttpRequestTracer } from '#gateway';
import type { MessageTracer } from '#messaging';
import { OtelHttpRequestTracer } from './otel-http-request-tracer.js';
import { OtelMessageTracer } from './otel-message-tracer.js';
import { traceDataSourceQueries } from './traced-data-source.js';
import type { TracingConfig } from './tracing-config.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** What one app of the process plugs into its bus, HTTP surface and data source. */
export interface AppTracing {
  messages: MessageTracer;
  http: HttpRequestTracer;
  traceQueries(dataSource: DataSource): void;
}

let processTracing: ProcessTracing | undefined;

/**
 * The process's tracer provider, set up once from its config (in the embedded mode six apps share
 * it; the first configuration wins). Each app gets tracers named after it, so its spans are told
 * apart by instrumentation scope even in one process. With the `none` exporter nothing is installed
 * and apps get no tracing at all: the bus and the gateway keep passing an incoming traceparent on.
 */
export class ProcessTracing {
  private readonly provider: NodeTracerProvider | undefined;
  private readonly memory: InMemorySpanExporter | undefined;

  private constructor(readonly config: TracingConfig) {
    if (config.exporter === 'none') return;
    let processor: SpanProcessor;
    if (config.exporter === 'memory') {
      this.memory = new InMemorySpanExporter();
      processor = new SimpleSpanProcessor(this.memory);
    } else {
      processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }));
    }
    this.provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, [ATTR_SERVICE_VERSION]: VERSION }),
      spanProcessors: [processor],
    });
    // Global registration (W3C propagator, AsyncLocalStorage context) lets code using the
    // OpenTelemetry API directly see the request's or message's span as the active one.
    this.provider.register();
  }

  /** Sets the process's tracing up, or returns the one already set up. */
  static start(config: TracingConfig): ProcessTracing {
    processTracing ??= new ProcessTracing(config);
    return processTracing;
  }

  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /** Tracing hooks for one app, or undefined when tracing is off. */
  forApp(app: string): AppTracing | undefined {
    if (!this.provider) return undefined;
    const tracer: Tracer = this.provider.getTracer(`voxify.${app}`, VERSION);
    return {
      messages: new OtelMessageTracer(tracer, app),
      http: new OtelHttpRequestTracer(tracer),
      traceQueries: (dataSource) => traceDataSourceQueries(dataSource, tracer),
    };
  }

  /** Spans finished so far (the `memory` exporter only). */
  finishedSpans(): ReadableSpan[] {
    return this.memory?.getFinishedSpans() ?? [];
  }

  /** Forgets the spans finished so far (the `memory` exporter only). */
  resetSpans(): void {
    this.memory?.reset();
  }

  /** Flushes what is buffered and uninstalls the provider, so a later start() can set up anew. */
  async shutdown(): Promise<void> {
    if (processTracing === this) processTracing = undefined;
    if (!this.provider) return;
    await this.provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
}
