/** The password `ApiClient.signUp` gives its users (it meets the platform's password rules). */
export const TEST_PASSWORD = 'Correct-horse-42';

/** What a test sees of an HTTP response: status, headers and the parsed JSON envelope. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: { success: boolean; data?: T; message?: string; error?: { code: string; message: string; details?: unknown } };
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/** A minimal client of the REST API at `baseUrl` (e.g. `http://127.0.0.1:8080/api/v1`). */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : { success: response.ok } };
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }

  /** Registers a new user and logs in: their access token and id. Throws with the answer when either step fails. */
  async signUp(email: string, password = TEST_PASSWORD): Promise<{ token: string; userId: string }> {
    const registered = await this.post('/auth/register', { email, password, first_name: 'Test', last_name: 'User' });
    if (registered.status !== 201) throw new Error(`register ${email}: ${registered.status} ${JSON.stringify(registered.body)}`);
    const login = await this.post<{ access_token: string; user: { user_id: string } }>('/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
    return { token: login.body.data!.access_token, userId: login.body.data!.user.user_id };
  }
}
