import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LexiconEntry } from '../../text/lexicon.js';

/** A row of `user_lexicons`: one user's whole lexicon, replaced at once. */
@Entity({ name: 'user_lexicons' })
export class UserLexiconRecord {
  @PrimaryColumn('text') user_id!: string;
  @Column('jsonb') entries!: LexiconEntry[];
  @Column('timestamptz') updated_at!: Date;
}
