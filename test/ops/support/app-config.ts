import { BACKEND_SERVICES, type BackendServiceName } from '#contracts';
import { ConfigValidationError, DEFAULT_OPS_PORTS, loadStandaloneServiceConfig, loadTracingConfig } from '#service-runtime';
import { gatewayEnvShape, loadStandaloneGatewayConfig } from '../../../apps/api-gateway/src/gateway.config.js';
import { loadIdentityConfig } from '../../../apps/identity/src/identity.config.js';
import { loadJobsConfig } from '../../../apps/jobs/src/jobs.config.js';
import { loadStorageConfig } from '../../../apps/storage/src/storage.config.js';
import { loadSynthesisConfig } from '../../../apps/synthesis/src/synthesis.config.js';
import { loadVoiceConfig } from '../../../apps/voice/src/voice.config.js';

export type AppName = 'api-gateway' | BackendServiceName;
export const APPS: readonly AppName[] = ['api-gateway', ...BACKEND_SERVICES];

type ConfigLoader = (env: NodeJS.ProcessEnv) => unknown;

/**
 * Every config loader an app runs at start, in its main.ts: these are the apps' config schemas,
 * so the deployment files are checked against what the code reads, not against a list kept here.
 */
const APP_CONFIG_LOADERS: Record<AppName, readonly ConfigLoader[]> = {
  'api-gateway': [loadStandaloneGatewayConfig, (env) => loadTracingConfig('api-gateway', env)],
  identity: [(env) => loadStandaloneServiceConfig('identity', env), loadIdentityConfig, (env) => loadTracingConfig('identity', env)],
  voice: [...backendLoaders('voice'), loadVoiceConfig],
  synthesis: [...backendLoaders('synthesis'), loadSynthesisConfig],
  jobs: [...backendLoaders('jobs'), loadJobsConfig],
  storage: [...backendLoaders('storage'), loadStorageConfig],
};

function backendLoaders(service: BackendServiceName): readonly ConfigLoader[] {
  return [(env) => loadStandaloneServiceConfig(service, env), (env) => loadTracingConfig(service, env)];
}

/** The variables an app's loaders read: an environment that records every name asked for. */
export function knownVariables(app: AppName): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  for (const load of APP_CONFIG_LOADERS[app]) {
    try {
      load(recording);
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
    }
  }
  return read;
}

/** The variables an app refuses to start without: those its loaders name when given nothing. */
export function requiredVariables(app: AppName): Set<string> {
  return new Set(problemsWith(app, {}).map((problem) => problem.split(':')[0]!.trim()));
}

/** What the app's loaders say about an environment; empty when it would start. */
export function problemsWith(app: AppName, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const load of APP_CONFIG_LOADERS[app]) {
    try {
      load(env);
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems;
}

/** The port an app listens on when PORT is not set (health, metrics; the gateway's API). */
export function defaultPort(app: AppName): number {
  return app === 'api-gateway' ? gatewayEnvShape.PORT.parse(undefined) : DEFAULT_OPS_PORTS[app];
}
