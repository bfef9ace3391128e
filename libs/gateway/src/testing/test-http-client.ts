export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (fails the test if it is not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
  json(): any;
}

export interface TestRequest {
  headers?: Record<string, string>;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as-is; set the content type in `headers`. */
  body?: string;
}

/** Real HTTP against a listening gateway (light-my-request cannot load under Jest on Node 20). */
export class TestHttpClient {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, request: TestRequest = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...request.headers };
    let body = request.body;
    if (request.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(request.json);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  get(path: string, request?: TestRequest): Promise<TestResponse> {
    return this.request('GET', path, request);
  }

  post(path: string, request?: TestRequest): Promise<TestResponse> {
    return this.request('POST', path, request);
  }

  patch(path: string, request?: TestRequest): Promise<TestResponse> {
    return this.request('PATCH', path, request);
  }

  delete(path: string, request?: TestRequest): Promise<TestResponse> {
    return this.request('DELETE', path, request);
  }
}
