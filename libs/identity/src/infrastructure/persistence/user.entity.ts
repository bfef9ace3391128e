import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The unique constraint on users.email that decides duplicate registrations, races included. */
export const USERS_EMAIL_CONSTRAINT = 'users_email_key';

/** A row of `identity.users`. */
@Entity({ name: 'users' })
export class UserRecord {
  @PrimaryColumn('text') id!: string;
  @Column('text') email!: string;
  @Column('text') password_hash!: string;
  @Column('text') first_name!: string;
  @Column('text') last_name!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text') status!: string;
  @Column('timestamptz') created_at!: Date;
  @Column('timestamptz') updated_at!: Date;
  @Column('timestamptz', { nullable: true }) last_login_at!: Date | null;
}
