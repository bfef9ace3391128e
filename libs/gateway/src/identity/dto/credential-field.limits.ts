/** Limits of the identity request fields (the identity service applies its own policy on top). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;
/** Long enough for any passphrase, short enough that hashing it is never a denial of service. */
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_API_KEY_NAME_LENGTH = 100;

/** Emails are compared trimmed (the identity service also lower-cases them); pasted spaces are not an error. */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
