import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `jobs.jobs`: the read model of one job. */
@Entity({ name: 'jobs' })
export class JobRecord {
  @PrimaryColumn('text') id!: string;
  @Column('text') user_id!: string;
  @Column('text') type!: string;
  @Column('text') service!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text') status!: string;
  @Column('double precision') progress!: number;
  @Column('text', { nullable: true }) message!: string | null;
  @Column('integer') attempts!: number;
  @Column('boolean') cancel_requested!: boolean;
  @Column('jsonb', { nullable: true }) result!: Record<string, string | number | boolean | null> | null;
  @Column('text', { nullable: true }) error_code!: string | null;
  @Column('text', { nullable: true }) error_reason!: string | null;
  @Column('timestamptz') created_at!: Date;
  @Column('timestamptz') updated_at!: Date;
  @Column('timestamptz', { nullable: true }) started_at!: Date | null;
  @Column('timestamptz', { nullable: true }) finished_at!: Date | null;
  @Column('timestamptz', { nullable: true }) last_heartbeat_at!: Date | null;
  @Column('timestamptz', { nullable: true }) estimated_completion!: Date | null;
}
