import { Module } from '@nestjs/common';

/**
 * The jobs bounded context: its application handlers and infrastructure adapters are registered
 * here, and the jobs app imports this module into its composition root.
 */
@Module({})
export class JobsModule {}
