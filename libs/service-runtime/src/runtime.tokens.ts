/** Injection tokens of the service runtime. */
export const APP_LOGGER = Symbol('APP_LOGGER');
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
