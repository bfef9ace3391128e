import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `identity.api_keys`: the key's display prefix and SHA-256, never the key. */
@Entity({ name: 'api_keys' })
export class ApiKeyRecord {
  @PrimaryColumn('text') id!: string;
  @Column('text') user_id!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  @Column('text') key_hash!: string;
  @Column('text', { array: true }) scopes!: string[];
  @Column('timestamptz') created_at!: Date;
  @Column('timestamptz', { nullable: true }) expires_at!: Date | null;
  @Column('timestamptz', { nullable: true }) last_used_at!: Date | null;
  @Column('timestamptz', { nullable: true }) revoked_at!: Date | null;
}
