import { TraceFlags } from '@opentelemetry/api';
import { ConfigValidationError } from '../config/load-config.js';
import { formatTraceparent, parseTraceparent } from './traceparent.js';
import { loadTracingConfig } from './tracing-config.js';

describe('traceparent', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('reads a W3C traceparent as a remote, sampled parent and writes it back unchanged', () => {
    const parent = parseTraceparent(traceparent);
    expect(parent).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(formatTraceparent(parent!)).toBe(traceparent);
  });

  it('ignores malformed or all-zero ids, so a bad header starts a new trace', () => {
    for (const bad of [
      undefined,
      '',
      'garbage',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    ]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });
});

describe('loadTracingConfig', () => {
  it('records nothing by default and names the spans after the app', () => {
    expect(loadTracingConfig('voice', {})).toEqual({ exporter: 'none', otlpEndpoint: 'http://localhost:4318', serviceName: 'voice' });
  });

  it('takes the OpenTelemetry variables', () => {
    const config = loadTracingConfig('voice', {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'voxify-voice',
    });
    expect(config).toEqual({ exporter: 'otlp', otlpEndpoint: 'http://collector:4318', serviceName: 'voxify-voice' });
  });

  it('refuses an unknown exporter or a non-HTTP endpoint', () => {
    expect(() => loadTracingConfig('voice', { OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(ConfigValidationError);
    expect(() => loadTracingConfig('voice', { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
