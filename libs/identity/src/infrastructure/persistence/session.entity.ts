import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `identity.sessions`: one refresh-token family. */
@Entity({ name: 'sessions' })
export class SessionRecord {
  @PrimaryColumn('text') id!: string;
  @Column('text') user_id!: string;
  @Column('timestamptz') created_at!: Date;
  @Column('timestamptz') expires_at!: Date;
  @Column('timestamptz', { nullable: true }) last_refreshed_at!: Date | null;
  @Column('timestamptz', { nullable: true }) revoked_at!: Date | null;
  @Column('text', { nullable: true }) revoked_reason!: string | null;
  @Column('text', { nullable: true }) client_ip!: string | null;
  @Column('text', { nullable: true }) user_agent!: string | null;
}
