import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'prom-client';
import { httpRequestDurationHistogram } from '#gateway';
import { PrometheusBusObserver, trackOutboxLag } from '#service-runtime';
import { APPS, defaultPort, knownVariables, problemsWith, type AppName } from './support/app-config.js';
import { interpolate, interpolatedVariables, readEnvFile, readYaml, ROOT } from './support/deployment-files.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  tmpfs?: string[];
}

const compose = readYaml<{ services: Record<string, ComposeService> }>('docker/compose.yaml');
const envExample = readEnvFile('.env.example');

function appService(app: AppName): ComposeService {
  const service = compose.services[app];
  if (!service) throw new Error(`docker/compose.yaml has no service ${app}`);
  return service;
}

/** The environment an app's container gets from `.env.example`, as Compose would interpolate it. */
function containerEnv(app: AppName): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(appService(app).environment ?? {}))
    env[name] = interpolate(String(value ?? ''), envExample.values);
  return env;
}

describe('docker/compose.yaml', () => {
  it.each(APPS)('runs %s from its image, on its port, read-only, with a health check', (app) => {
    const service = appService(app);
    const port = defaultPort(app);
    expect(service.build).toMatchObject({ context: '..', dockerfile: 'docker/Dockerfile', args: { APP: app } });
    expect(service.image).toMatch(new RegExp(`^voxify/${app}:`));
    expect(service.ports).toContain(`${port}:${port}`);
    expect(String(service.environment?.PORT)).toBe(String(port));
    expect(service.healthcheck?.test.join(' ')).toContain('/app/docker/healthcheck.mjs');
    expect(service.read_only).toBe(true);
    expect(service.tmpfs).toContain('/tmp');
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      expect(compose.services[dependency]?.healthcheck).toBeDefined();
      expect(service.depends_on?.[dependency]?.condition).toBe('service_healthy');
    }
  });

  it.each(APPS)('sets only variables %s reads, and every one it needs', (app) => {
    const known = knownVariables(app);
    const unknown = Object.keys(appService(app).environment ?? {}).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
    expect(problemsWith(app, containerEnv(app))).toEqual([]);
  });

  it('gives the infrastructure a health check each, for the apps to wait on', () => {
    for (const name of ['postgres', 'rabbitmq', 'redis', 'minio', 'prometheus', 'grafana']) {
      expect(compose.services[name]?.healthcheck?.test.length).toBeGreaterThan(0);
    }
    expect(compose.services.rabbitmq?.image).toMatch(/management/);
  });

  it('interpolates only variables .env.example defines, unless it gives a default', () => {
    const text = readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8');
    const missing = interpolatedVariables(text).filter(({ name, hasDefault }) => !hasDefault && !envExample.values.has(name));
    expect(missing).toEqual([]);
  });
});

describe('.env.example', () => {
  const interpolated = new Set(interpolatedVariables(readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8')).map(({ name }) => name));
  const knownToSomeApp = new Set(APPS.flatMap((app) => [...knownVariables(app)]));

  it('documents every variable of every app', () => {
    const undocumented = [...knownToSomeApp].filter((name) => !envExample.values.has(name) && !envExample.documented.has(name));
    expect(undocumented).toEqual([]);
  });

  it('sets nothing that neither an app nor the compose stack reads', () => {
    const unused = [...envExample.values.keys()].filter((name) => !knownToSomeApp.has(name) && !interpolated.has(name));
    expect(unused).toEqual([]);
  });
});

describe('the image health check', () => {
  it('probes each app on the port its config defaults to', () => {
    const script = join(ROOT, 'docker/healthcheck.mjs');
    const output = execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `const { DEFAULT_PORTS } = await import(${JSON.stringify(script)}); process.stdout.write(JSON.stringify(DEFAULT_PORTS));`,
    ]);
    const ports = JSON.parse(output.toString()) as Record<string, number>;
    expect(ports).toEqual(Object.fromEntries(APPS.map((app) => [app, defaultPort(app)])));
  });
});

describe('Prometheus and Grafana', () => {
  it('scrapes every app on its port', () => {
    const config = readYaml<{
      scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    }>('docker/prometheus/prometheus.yml');
    const voxify = config.scrape_configs.find((job) => job.job_name === 'voxify');
    const targets = voxify?.static_configs.flatMap((group) => group.targets) ?? [];
    expect(voxify?.metrics_path ?? '/metrics').toBe('/metrics');
    expect(targets.sort()).toEqual(APPS.map((app) => `${app}:${defaultPort(app)}`).sort());
  });

  it('charts every HTTP, bus and outbox series the apps export', async () => {
    httpRequestDurationHistogram();
    new PrometheusBusObserver('ops-test');
    const untrack = trackOutboxLag('ops-test', { lag: async () => ({ count: 0, oldestAgeMs: null }) });
    const exported = (await register.getMetricsAsJSON())
      .map((metric) => metric.name)
      .filter((name) => /^(http_request_duration|bus_|outbox_)/.test(name));
    untrack();
    const dashboard = readFileSync(join(ROOT, 'docker/grafana/dashboards/voxify-overview.json'), 'utf8');
    const json = JSON.parse(dashboard) as { uid: string; panels: unknown[] };
    expect(json.panels.length).toBeGreaterThan(0);
    expect(exported.length).toBeGreaterThanOrEqual(5);
    expect(exported.filter((name) => !dashboard.includes(name))).toEqual([]);
    const datasource = readYaml<{ datasources: Array<{ uid: string; url: string }> }>(
      'docker/grafana/provisioning/datasources/prometheus.yaml',
    );
    expect(dashboard).toContain(datasource.datasources[0]!.uid);
  });
});
