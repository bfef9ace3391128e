import { ApplicationError, ErrorCode, LEXICON_LIMITS, type LexiconEntryView } from '#contracts';
import { lexiconKey, type LexiconEntry } from '../../text/lexicon.js';
import type { PhonemeIdMap } from '../../text/phoneme-ids.js';

interface FieldProblems {
  field: string;
  messages: string[];
}

const WORD = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}'’.+&-]| (?=[^ ]))*$/u;
const RESPELLING = /^[\p{L}\p{M}'’ -]+$/u;
/** Piper's padding, start and end symbols: in every map, never part of a pronunciation. */
const CONTROL_SYMBOLS = new Set(['_', '^', '$']);

/** The IPA symbols a lexicon may use: those the voices were trained on. */
export function ipaSymbolsOf(maps: readonly PhonemeIdMap[]): Set<string> {
  const symbols = new Set<string>();
  for (const map of maps) for (const symbol of Object.keys(map)) if (!CONTROL_SYMBOLS.has(symbol)) symbols.add(symbol);
  return symbols;
}

/**
 * Checks a lexicon put: at most LEXICON_LIMITS.maxEntries entries, each a word of 1–64 letters,
 * digits and `' . + & -` (single spaces between words) with exactly one of `ipa` (only `symbols`) or
 * `respelling` (letters, spaces, apostrophes, hyphens), no word twice. VALIDATION_ERROR lists every problem.
 */
export function validateLexiconEntries(entries: unknown, symbols: ReadonlySet<string>): LexiconEntry[] {
  if (!Array.isArray(entries)) throw invalid([{ field: 'entries', messages: ['must be a list'] }]);
  if (entries.length > LEXICON_LIMITS.maxEntries) {
    throw invalid([{ field: 'entries', messages: [`must have at most ${LEXICON_LIMITS.maxEntries} entries`] }]);
  }
  const details: FieldProblems[] = [];
  const seen = new Set<string>();
  const valid: LexiconEntry[] = [];
  entries.forEach((raw: unknown, index) => {
    const field = `entries[${index}]`;
    const problems: string[] = [];
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof LexiconEntryView, unknown>>;
    const word = typeof entry.word === 'string' ? entry.word.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
    if (word.length < 1 || word.length > LEXICON_LIMITS.maxWordLength) {
      problems.push(`word must be 1–${LEXICON_LIMITS.maxWordLength} characters`);
    } else if (!WORD.test(word)) {
      problems.push("word may hold letters, digits, ' . + & - and single spaces, starting with a letter or digit");
    } else if (seen.has(lexiconKey(word))) {
      problems.push(`"${word}" is listed more than once`);
    }
    seen.add(lexiconKey(word));
    const hasIpa = entry.ipa !== undefined;
    const hasRespelling = entry.respelling !== undefined;
    if (hasIpa === hasRespelling) problems.push('needs exactly one of ipa or respelling');
    else if (hasIpa) problems.push(...ipaProblems(entry.ipa, symbols));
    else problems.push(...respellingProblems(entry.respelling));
    if (problems.length > 0) details.push({ field, messages: problems });
    else
      valid.push(
        hasIpa ? { word, ipa: (entry.ipa as string).normalize('NFC').trim() } : { word, respelling: (entry.respelling as string).trim() },
      );
  });
  if (details.length > 0) throw invalid(details);
  return valid;
}

function ipaProblems(ipa: unknown, symbols: ReadonlySet<string>): string[] {
  if (typeof ipa !== 'string' || !ipa.trim() || ipa.length > LEXICON_LIMITS.maxIpaLength) {
    return [`ipa must be 1–${LEXICON_LIMITS.maxIpaLength} characters`];
  }
  const unknown = new Set(Array.from(ipa.normalize('NFD').trim()).filter((symbol) => symbol !== ' ' && !symbols.has(symbol)));
  return unknown.size > 0 ? [`ipa uses symbols the voices do not know: ${[...unknown].join(' ')}`] : [];
}

function respellingProblems(respelling: unknown): string[] {
  if (typeof respelling !== 'string' || !respelling.trim() || respelling.length > LEXICON_LIMITS.maxRespellingLength) {
    return [`respelling must be 1–${LEXICON_LIMITS.maxRespellingLength} characters`];
  }
  return RESPELLING.test(respelling.trim()) ? [] : ['respelling may hold letters, spaces, apostrophes and hyphens'];
}

function invalid(details: FieldProblems[]): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The lexicon has invalid entries', details);
}

export function toLexiconEntryView(entry: LexiconEntry): LexiconEntryView {
  return 'ipa' in entry ? { word: entry.word, ipa: entry.ipa } : { word: entry.word, respelling: entry.respelling };
}
