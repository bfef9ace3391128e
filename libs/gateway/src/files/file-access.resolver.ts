import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthPrincipal, FileAccess } from '#contracts';
import { SignedUrlSigner } from '#storage';
import { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { assertAccessAllowed, type RouteAccessPolicy } from '../auth/route-access-policy.js';
import { RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import { enforceRateLimit, RateLimiter } from '../rate-limit/rate-limiter.js';
import type { DownloadQueryDto } from './dto/signed-url.dto.js';

const FILES_SCOPE_POLICY: RouteAccessPolicy = { isPublic: false, roles: [], scopes: ['files'] };

/**
 * Who may download: a signed URL (checked here, no credentials needed, so it works in an `<audio>`
 * tag), or else the caller's credentials, checked as the access guard checks them (rate limit,
 * `files` scope). The download route is public to the guard so that the first kind can reach it.
 */
@Injectable()
export class FileAccessResolver {
  private authenticator?: CredentialsAuthenticator;
  private limiter?: RateLimiter;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly signer: SignedUrlSigner,
  ) {}

  async resolve(fileId: string, query: DownloadQueryDto, request: FastifyRequest, reply: FastifyReply): Promise<FileAccess> {
    if (query.signature !== undefined || query.expires !== undefined) {
      this.signer.verify(fileId, query);
      return { kind: 'signed_url' };
    }
    const principal = await this.authenticate(request, reply);
    return { kind: 'user', user_id: principal.userId, admin: principal.roles.includes('admin') };
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthPrincipal> {
    this.authenticator ??= this.moduleRef.get(CredentialsAuthenticator, { strict: false });
    this.limiter ??= this.moduleRef.get(RateLimiter, { strict: false });
    const { principal } = await this.authenticator.authenticateHeaders(request.headers.authorization, request.headers['x-api-key']);
    const subject = principal.keyId === undefined ? `user:${principal.userId}` : `key:${principal.keyId}`;
    enforceRateLimit(reply, await this.limiter.consume(RateLimitPolicyName.principal, subject));
    assertAccessAllowed(FILES_SCOPE_POLICY, principal);
    return principal;
  }
}
