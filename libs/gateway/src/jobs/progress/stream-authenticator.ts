import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AuthPrincipal } from '#contracts';
import { CredentialsAuthenticator } from '../../auth/credentials-authenticator.js';
import { authenticateStream } from './stream-credentials.js';

/**
 * Authenticates progress streams with GatewayAccessModule's CredentialsAuthenticator, found in the
 * app at first use (this module does not import the access module, which the app configures once).
 */
@Injectable()
export class StreamAuthenticator {
  private authenticator: CredentialsAuthenticator | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  authenticate(headers: IncomingHttpHeaders, query: URLSearchParams): Promise<AuthPrincipal> {
    this.authenticator ??= this.moduleRef.get(CredentialsAuthenticator, { strict: false });
    if (!this.authenticator) throw new Error('GatewayJobsModule needs GatewayAccessModule in the app');
    return authenticateStream(this.authenticator, headers, query);
  }
}
