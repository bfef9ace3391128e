import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlatformConfigSettings } from '#contracts';

/** The one row of `identity.platform_config`: the settings in force. */
@Entity({ name: 'platform_config' })
export class PlatformConfigRecord {
  @PrimaryColumn('boolean') singleton!: boolean;
  @Column('integer') version!: number;
  @Column('jsonb') settings!: PlatformConfigSettings;
  @Column('timestamptz') updated_at!: Date;
  @Column('text', { nullable: true }) updated_by!: string | null;
}
