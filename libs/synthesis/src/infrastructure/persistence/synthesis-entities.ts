import { UserLexiconRecord } from './user-lexicon.record.js';

/** The TypeORM entities of the synthesis schema. */
export const synthesisEntities = [UserLexiconRecord];
