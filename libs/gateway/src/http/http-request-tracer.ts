/** One HTTP request's server span, as the request-context hook drives it. */
export interface HttpRequestTrace {
  /** The traceparent naming the request's span: the trace context of everything the request causes. */
  readonly traceparent: string | undefined;
  /** Runs the rest of the request's life inside the span's context. */
  run(next: () => void): void;
  /** Ends the span once the response went out (or the client went away); later calls do nothing. */
  end(outcome: { route: string | undefined; statusCode: number | undefined }): void;
}

/**
 * Tracing hook of the gateway's HTTP surface: the service runtime plugs OpenTelemetry in here, so
 * the gateway does not depend on a tracing library. Without one, an incoming `traceparent` is passed on as is.
 */
export interface HttpRequestTracer {
  startRequest(request: { method: string; path: string; traceparent?: string }): HttpRequestTrace;
}
