export interface UserCounts {
  total: number;
  /** Accounts that logged in at or after `activeSince`. */
  active: number;
  /** Accounts registered at or after `registeredSince`. */
  registered: number;
}

/** Counts over all accounts, for the admin's statistics. */
export abstract class UserStatistics {
  abstract count(window: { activeSince: Date; registeredSince: Date }): Promise<UserCounts>;
}
