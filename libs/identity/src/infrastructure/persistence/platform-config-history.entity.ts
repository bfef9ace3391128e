import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlatformConfigSettings } from '#contracts';

/** The primary key on the version: two changes storing the same version are a conflict, races included. */
export const PLATFORM_CONFIG_HISTORY_KEY = 'platform_config_history_pkey';

/** A row of `identity.platform_config_history`: one stored version of the settings. */
@Entity({ name: 'platform_config_history' })
export class PlatformConfigHistoryRecord {
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') settings!: PlatformConfigSettings;
  @Column('timestamptz') updated_at!: Date;
  @Column('text', { nullable: true }) updated_by!: string | null;
}
