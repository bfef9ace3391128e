import { queueName } from '#messaging';
import { APPS, defaultPort, knownVariables, requiredVariables, type AppName } from './support/app-config.js';
import { renderOverlay, requireKubectl, type K8sObject } from './support/kustomize.js';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string | number> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
  volumes?: Array<{ name: string; emptyDir?: object }>;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key?: string }>;
}
type Deployment = K8sObject & {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};

const OVERLAYS = ['dev', 'prod', 'gpu'];

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  let objects: K8sObject[];
  const ofKind = <T extends K8sObject>(kind: string) => objects.filter((object) => object.kind === kind) as T[];
  const named = <T extends K8sObject>(kind: string, name: string) => ofKind<T>(kind).find((object) => object.metadata.name === name);

  beforeAll(() => {
    requireKubectl();
    objects = renderOverlay(overlay);
  });

  function deployment(app: AppName): { deployment: Deployment; pod: PodSpec; container: Container } {
    const found = named<Deployment>('Deployment', app);
    if (!found) throw new Error(`no Deployment ${app}`);
    const pod = found.spec.template.spec;
    const container = pod.containers.find((candidate) => candidate.name === app);
    if (!container) throw new Error(`Deployment ${app} has no container named ${app}`);
    return { deployment: found, pod, container };
  }

  /** Names the container gets: its env plus the keys of the ConfigMaps and Secrets it imports. */
  function environmentNames(container: Container): string[] {
    const names = (container.env ?? []).map((variable) => variable.name);
    for (const source of container.envFrom ?? []) {
      expect(source.secretRef).toBeUndefined(); // a Secret's keys cannot be checked here: reference them one by one
      const configMap = named('ConfigMap', source.configMapRef!.name);
      if (!configMap) throw new Error(`envFrom names a ConfigMap that is not rendered: ${source.configMapRef!.name}`);
      names.push(...Object.keys(configMap.data ?? {}));
    }
    return names;
  }

  function probePort(container: Container, probe: Probe | undefined): number | undefined {
    const port = probe?.httpGet?.port;
    return typeof port === 'number' ? port : container.ports?.find((candidate) => candidate.name === port)?.containerPort;
  }

  it.each(APPS)('runs %s with its image, probes, resources and a locked-down security context', (app) => {
    const { deployment: found, pod, container } = deployment(app);
    const port = defaultPort(app);
    expect(found.metadata.namespace).toBe('voxify');
    expect(found.spec.template.metadata.labels).toMatchObject(found.spec.selector.matchLabels);
    expect(container.image).toMatch(new RegExp(`(^|/)voxify/${app}[:@]`));

    expect(container.startupProbe?.httpGet?.path).toBe('/health/live');
    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe])
      expect(probePort(container, probe)).toBe(port);

    for (const resource of ['cpu', 'memory']) {
      expect(container.resources?.requests?.[resource]).toBeDefined();
      expect(container.resources?.limits?.[resource]).toBeDefined();
    }

    expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.securityContext?.capabilities?.drop).toContain('ALL');
    const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
    expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it.each(APPS)('gives %s only variables it reads, every one it needs, and a drain shorter than its grace period', (app) => {
    const { pod, container } = deployment(app);
    const names = environmentNames(container);
    const known = knownVariables(app);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect([...requiredVariables(app)].filter((name) => !names.includes(name))).toEqual([]);

    const shutdownGrace = Object.entries(renderedValues(container)).find(([name]) => name === 'SHUTDOWN_GRACE_MS')?.[1];
    expect(Number(shutdownGrace)).toBeGreaterThan(0);
    expect(Number(shutdownGrace)).toBeLessThan((pod.terminationGracePeriodSeconds ?? 30) * 1000);
  });

  function renderedValues(container: Container): Record<string, string> {
    const values: Record<string, string> = {};
    for (const source of container.envFrom ?? []) Object.assign(values, named('ConfigMap', source.configMapRef?.name ?? '')?.data ?? {});
    for (const variable of container.env ?? []) if (variable.value !== undefined) values[variable.name] = variable.value;
    return values;
  }

  it.each(APPS)('puts %s behind a Service on its port and a PodDisruptionBudget', (app) => {
    const service = named<K8sObject & { spec: { selector: Record<string, string>; ports: Array<{ port: number }> } }>('Service', app);
    expect(service?.spec.selector).toEqual(deployment(app).deployment.spec.selector.matchLabels);
    expect(service?.spec.ports.map((entry) => entry.port)).toContain(defaultPort(app));
    expect(named('PodDisruptionBudget', app)).toBeDefined();
  });

  it('autoscales the gateway on CPU and synthesis on the depth of its queue', () => {
    const hpa = named<K8sObject & { spec: { scaleTargetRef: { name: string } } }>('HorizontalPodAutoscaler', 'api-gateway');
    expect(hpa?.spec.scaleTargetRef.name).toBe('api-gateway');
    const scaled = named<
      K8sObject & { spec: { scaleTargetRef: { name: string }; triggers: Array<{ type: string; metadata: Record<string, string> }> } }
    >('ScaledObject', 'synthesis');
    expect(scaled?.spec.scaleTargetRef.name).toBe('synthesis');
    expect(scaled?.spec.triggers[0]).toMatchObject({ type: 'rabbitmq', metadata: { queueName: queueName('synthesis', 'requests') } });
  });

  it('denies all traffic by default and lets only the gateway take requests', () => {
    type Policy = K8sObject & {
      spec: { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: unknown[]; egress?: unknown[] };
    };
    const policies = ofKind<Policy>('NetworkPolicy');
    const denyAll = policies.find(
      (policy) => Object.keys(policy.spec.podSelector.matchLabels ?? {}).length === 0 && !policy.spec.ingress && !policy.spec.egress,
    );
    expect(denyAll?.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    const takingRequests = policies.filter((policy) => policy.spec.ingress && policy.metadata.name !== 'allow-metrics-scrape');
    expect(takingRequests.map((policy) => policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'])).toEqual(['api-gateway']);
    const ingresses = ofKind<
      K8sObject & { spec: { rules: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }> } }
    >('Ingress');
    expect(
      ingresses.flatMap((ingress) => ingress.spec.rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service.name))),
    ).toEqual(['api-gateway', 'api-gateway']);
  });

  it(overlay === 'gpu' ? 'runs synthesis on GPU nodes from the CUDA image' : 'keeps synthesis off GPUs', () => {
    const { pod, container } = deployment('synthesis');
    const gpu = container.resources?.limits?.['nvidia.com/gpu'];
    if (overlay !== 'gpu') {
      expect(gpu).toBeUndefined();
      return;
    }
    expect(Number(gpu)).toBeGreaterThanOrEqual(1);
    expect(Object.keys(pod.nodeSelector ?? {}).some((label) => label.startsWith('nvidia.com/'))).toBe(true);
    expect(pod.tolerations?.map((toleration) => toleration.key)).toContain('nvidia.com/gpu');
    expect(container.image).toMatch(/cuda/);
    for (const app of APPS.filter((other) => other !== 'synthesis'))
      expect(deployment(app).container.resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
  });
});
