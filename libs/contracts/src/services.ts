/** The six deployable apps. Each back-end service owns one database schema of the same name. */
export const SERVICE_NAMES = ['api-gateway', 'identity', 'voice', 'synthesis', 'jobs', 'storage'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The services behind the gateway, each reachable over the bus. */
export const BACKEND_SERVICES = ['identity', 'voice', 'synthesis', 'jobs', 'storage'] as const satisfies readonly ServiceName[];
export type BackendServiceName = (typeof BACKEND_SERVICES)[number];
