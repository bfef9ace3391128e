import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SampleController } from '../testing/sample.controller.js';

describe('success envelope', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;

  beforeAll(async () => {
    backend = new InProcessBackend();
    gateway = await createTestGateway({ bus: backend.gatewayBus, controllers: [SampleController] });
  });

  afterAll(async () => {
    await gateway.close();
    await backend.close();
  });

  it('wraps what a handler returns in { success: true, data }', async () => {
    const response = await gateway.http.get('/api/v1/samples/vs_7');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ success: true, data: { id: 'vs_7' } });
  });

  it('adds the message a route declares with @ResponseMessage', async () => {
    const response = await gateway.http.post('/api/v1/samples', { json: { name: 'My voice' } });

    expect(response.status).toBe(201);
    expect(response.json()).toEqual({ success: true, data: { name: 'My voice' }, message: 'Voice sample uploaded successfully' });
  });

  it('answers { success: true, data: null } for a handler that returns nothing', async () => {
    const response = await gateway.http.post('/api/v1/samples/nothing');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ success: true, data: null });
  });

  it('keeps the declared message when a handler returns nothing', async () => {
    const response = await gateway.http.post('/api/v1/samples/nothing-with-message');

    expect(response.json()).toEqual({ success: true, data: null, message: 'Nothing happened' });
  });

  it('leaves the body of a @RawResponse route as it is', async () => {
    const response = await gateway.http.get('/api/v1/samples/raw/file');

    expect(response.json()).toEqual({ plain: true });
  });

  it('does not wrap non-JSON bodies', async () => {
    const response = await gateway.http.get('/api/v1/samples/text/plain');

    expect(response.status).toBe(200);
    expect(response.text).toBe('just text');
  });

  it('answers lists with the items and the pagination block inside data', async () => {
    const response = await gateway.http.get('/api/v1/samples?page=2&page_size=20');

    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.success).toBe(true);
    expect(body.data.samples).toHaveLength(20);
    expect(body.data.samples[0]).toEqual({ id: 'vs_21' });
    expect(body.data.pagination).toEqual({ page: 2, page_size: 20, total_count: 45, total_pages: 3, has_next: true, has_prev: true });
  });

  it('applies the pagination defaults when the query names none', async () => {
    const response = await gateway.http.get('/api/v1/samples');

    expect(response.json().data.pagination).toMatchObject({ page: 1, page_size: 20, has_prev: false });
  });

  it.each(['page=0', 'page_size=101', 'page_size=abc'])('rejects the pagination query %s', async (query) => {
    const response = await gateway.http.get(`/api/v1/samples?${query}`);

    expect(response.status).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_ERROR');
  });
});
