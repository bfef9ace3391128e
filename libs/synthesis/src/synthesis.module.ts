import { Module } from '@nestjs/common';

/**
 * The synthesis bounded context: its application handlers and infrastructure adapters are registered
 * here, and the synthesis app imports this module into its composition root.
 */
@Module({})
export class SynthesisModule {}
