import { defineCommand, defineQuery } from '../messages/message-definitions.js';

/** Limits of a user's pronunciation lexicon. */
export const LEXICON_LIMITS = {
  maxEntries: 500,
  maxWordLength: 64,
  maxIpaLength: 128,
  maxRespellingLength: 128,
} as const;

/** How one word is said: exactly one of `ipa` (symbols of the voices' phoneme set) or `respelling` (text read instead). */
export interface LexiconEntryView {
  word: string;
  ipa?: string;
  respelling?: string;
}

export interface LexiconView {
  entries: LexiconEntryView[];
  /** ISO time of the last replacement; null when the user never set a lexicon. */
  updated_at: string | null;
}

/**
 * Replaces the user's lexicon (an empty list clears it); applied to every later synthesis of theirs,
 * whole words, ignoring case. Errors: VALIDATION_ERROR (with one detail per bad entry).
 */
export const PutLexiconCommand = defineCommand<{ user_id: string; entries: LexiconEntryView[] }, LexiconView>(
  'synthesis',
  'synthesis.lexicon.put',
);

/** The user's lexicon (no entries when none was set). */
export const GetLexiconQuery = defineQuery<{ user_id: string }, LexiconView>('synthesis', 'synthesis.lexicon.get');
