/** One candidate voice to hear: a point of `voice`'s speaker space and the after-synthesis corrections. */
export interface FitterCandidate {
  voice: string;
  mixWeights?: Record<string, number>;
  embedding?: number[];
  text: string;
  pitch?: number;
  speed?: number;
  spectralGainsDb?: number[];
}

export interface RenderedSpeech {
  samples: Float32Array;
  sampleRate: number;
}

/** What the fitter needs from a speech engine: its base voice, that voice's speakers, and renders of candidates. */
export abstract class CandidateRenderer {
  /** The voice profiles are fitted on (the default multi-speaker voice). */
  abstract baseVoice(): Promise<{ voice: string; language: string }>;
  /** The built-in speakers whose table rows a candidate mixes (empty: the voice has no speaker table). */
  abstract speakers(voice: string): Promise<string[]>;
  abstract render(candidate: FitterCandidate): Promise<RenderedSpeech>;
}
