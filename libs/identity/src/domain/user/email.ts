import { validationFailure } from '../shared/validation-failure.js';

const MAX_LENGTH = 254;
const SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An email address as Voxify stores and compares it: trimmed and lower-cased. */
export class Email {
  private constructor(readonly value: string) {}

  /** Throws VALIDATION_ERROR (field `email`) when the address is not plausible. */
  static parse(raw: unknown): Email {
    const email = Email.tryParse(raw);
    if (!email) throw validationFailure('email', 'must be a valid email address');
    return email;
  }

  static tryParse(raw: unknown): Email | undefined {
    if (typeof raw !== 'string') return undefined;
    const normalised = raw.trim().toLowerCase();
    if (normalised.length > MAX_LENGTH || !SHAPE.test(normalised)) return undefined;
    return new Email(normalised);
  }

  equals(other: Email): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
