/** Error codes of the admin settings. */
export const AdminErrorCode = {
  /** An update named an `expected_version` that is no longer the current one: someone changed the settings meanwhile. */
  CONFIG_VERSION_CONFLICT: 'CONFIG_VERSION_CONFLICT',
} as const;
export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];
