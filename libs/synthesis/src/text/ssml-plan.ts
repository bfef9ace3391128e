import { type LexiconMatcher, type LexiconSegment } from './lexicon.js';
import { sayAs } from './say-as.js';
import { NEUTRAL_PROSODY, planRun, SENTENCE_PAUSE_SECONDS, withoutPlaceholders, type Prosody, type SentencePlan } from './sentence-run.js';
import { InvalidSsmlError, type SsmlElement, type SsmlNode } from './ssml-parser.js';
import { breakSeconds, clampProsody, pitchFactor, rateFactor, volumeFactor } from './ssml-values.js';

/** The pause a paragraph ends with, a little longer than a sentence's. */
export const PARAGRAPH_PAUSE_SECONDS = 0.5;

/**
 * The sentence plan of a parsed `<speak>` document. Sentences end at their punctuation as in plain
 * text, and also at `p`/`s`, at a `break` (whose time becomes the pause) and where the prosody
 * changes (no pause), since rate, pitch and volume are set per sentence.
 */
export function planSsml(root: SsmlElement, lexicon: LexiconMatcher): SentencePlan[] {
  const planner = new SsmlPlanner(lexicon);
  planner.children(root);
  planner.flush();
  return planner.sentences.map((sentence, index) => ({ ...sentence, index }));
}

class SsmlPlanner {
  readonly sentences: SentencePlan[] = [];
  private segments: LexiconSegment[] = [];
  private prosody: Prosody = NEUTRAL_PROSODY;
  /** Whether the last sentence's pause was set by breaks (further breaks add to it, p/s leave it). */
  private pauseFromBreaks = false;

  constructor(private readonly lexicon: LexiconMatcher) {}

  children(element: SsmlElement): void {
    for (const child of element.children) this.node(child);
  }

  private node(node: SsmlNode): void {
    if (typeof node === 'string') {
      this.segments.push(...this.lexicon.apply(withoutPlaceholders(node)));
      return;
    }
    const attributes = node.attributes;
    switch (node.name) {
      case 'p':
      case 's':
        this.flush();
        this.children(node);
        this.flush();
        this.boundary(node.name === 'p' ? PARAGRAPH_PAUSE_SECONDS : SENTENCE_PAUSE_SECONDS);
        return;
      case 'break': {
        if (node.children.length > 0) throw new InvalidSsmlError('Invalid SSML: <break> must be empty');
        const seconds = breakSeconds(attributes);
        if (seconds === 0) return;
        this.flush();
        this.pause(seconds);
        return;
      }
      case 'prosody':
        this.withProsody(node);
        return;
      case 'say-as':
        this.segments.push(` ${sayAs(attributes['interpret-as'], attributes['format'], textOf(node))} `);
        return;
      case 'sub': {
        const alias = attributes['alias'];
        if (alias === undefined) throw new InvalidSsmlError('Invalid SSML: <sub> needs an alias attribute');
        textOf(node);
        this.segments.push(withoutPlaceholders(alias));
        return;
      }
      case 'phoneme': {
        const alphabet = attributes['alphabet'] ?? 'ipa';
        if (alphabet !== 'ipa') throw new InvalidSsmlError(`Invalid SSML: phoneme alphabet="${alphabet}" is not supported (only "ipa")`);
        const ph = attributes['ph'];
        if (!ph?.trim()) throw new InvalidSsmlError('Invalid SSML: <phoneme> needs a non-empty ph attribute');
        this.segments.push({ ipa: ph, word: textOf(node).trim() });
        return;
      }
      default:
        throw new InvalidSsmlError(`Invalid SSML: <${node.name}> is not allowed here`);
    }
  }

  private withProsody(node: SsmlElement): void {
    const { rate, pitch, volume } = node.attributes;
    const outer = this.prosody;
    const inner: Prosody = {
      rate: rate === undefined ? outer.rate : clampProsody('rate', outer.rate * rateFactor(rate)),
      pitch: pitch === undefined ? outer.pitch : clampProsody('pitch', outer.pitch * pitchFactor(pitch)),
      volume: volume === undefined ? outer.volume : clampProsody('volume', outer.volume * volumeFactor(volume)),
    };
    this.flush();
    this.prosody = inner;
    this.children(node);
    this.flush();
    this.prosody = outer;
  }

  /** Plans the text gathered since the last boundary. */
  flush(): void {
    if (this.segments.length === 0) return;
    const planned = planRun(this.segments, this.prosody);
    this.segments = [];
    if (planned.length === 0) return;
    this.sentences.push(...planned);
    this.pauseFromBreaks = false;
  }

  private pause(seconds: number): void {
    const last = this.sentences.at(-1);
    if (!last) return;
    last.pauseAfter = this.pauseFromBreaks ? last.pauseAfter + seconds : seconds;
    this.pauseFromBreaks = true;
  }

  private boundary(seconds: number): void {
    const last = this.sentences.at(-1);
    if (!last || this.pauseFromBreaks) return;
    last.pauseAfter = Math.max(last.pauseAfter, seconds);
  }
}

/** The text of an element that may hold nothing else. */
function textOf(element: SsmlElement): string {
  if (element.children.some((child) => typeof child !== 'string')) {
    throw new InvalidSsmlError(`Invalid SSML: <${element.name}> may only contain text`);
  }
  return element.children.join('');
}
