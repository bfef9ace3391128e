export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /**
   * Costs what `verify` costs and always fails: a login for an unknown email takes as long as one
   * with a wrong password, so response times do not reveal which emails have accounts.
   */
  abstract verifyAgainstDummy(password: string): Promise<false>;
}
