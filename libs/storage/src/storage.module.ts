import { Module } from '@nestjs/common';

/**
 * The storage bounded context: its application handlers and infrastructure adapters are registered
 * here, and the storage app imports this module into its composition root.
 */
@Module({})
export class StorageModule {}
