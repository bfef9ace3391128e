import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `identity.refresh_tokens`: the SHA-256 of a refresh token, never the token. */
@Entity({ name: 'refresh_tokens' })
export class RefreshTokenRecord {
  @PrimaryColumn('text') token_hash!: string;
  @Column('text') session_id!: string;
  @Column('timestamptz') issued_at!: Date;
  @Column('timestamptz') expires_at!: Date;
  @Column('timestamptz', { nullable: true }) used_at!: Date | null;
}
