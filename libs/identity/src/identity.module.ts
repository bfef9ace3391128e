import { Module } from '@nestjs/common';

/**
 * The identity bounded context: its application handlers and infrastructure adapters are registered
 * here, and the identity app imports this module into its composition root.
 */
@Module({})
export class IdentityModule {}
