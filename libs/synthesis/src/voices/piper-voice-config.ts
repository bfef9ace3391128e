import { z } from 'zod';

/** The parts of a Piper `.onnx.json` the engine uses; anything else in the file is ignored. */
const piperVoiceConfigSchema = z.object({
  audio: z.object({ sample_rate: z.number().int().positive(), quality: z.string().optional() }),
  espeak: z.object({ voice: z.string().min(1) }),
  language: z
    .object({ code: z.string().min(1) })
    .partial()
    .optional(),
  inference: z.object({ noise_scale: z.number(), length_scale: z.number().positive(), noise_w: z.number() }).partial().optional(),
  phoneme_type: z.string().optional(),
  phoneme_id_map: z.record(z.string(), z.array(z.number().int().nonnegative()).min(1)),
  num_speakers: z.number().int().positive().default(1),
  speaker_id_map: z.record(z.string(), z.number().int().nonnegative()).default({}),
  voxify: z.object({ speaker_embedding_dim: z.number().int().positive().optional() }).passthrough().optional(),
});

export type PiperVoiceConfig = z.output<typeof piperVoiceConfigSchema>;

export interface VoiceSpeaker {
  name: string;
  id: number;
}

export interface VoiceDefinition {
  name: string;
  sampleRate: number;
  espeakVoice: string;
  language: string;
  phonemeIdMap: PiperVoiceConfig['phoneme_id_map'];
  /** Speakers in id order; a single-speaker voice has none. */
  speakers: VoiceSpeaker[];
  scales: { noise: number; length: number; noiseW: number };
}

export function parsePiperVoiceConfig(name: string, json: unknown): VoiceDefinition {
  const config = piperVoiceConfigSchema.parse(json);
  if (config.phoneme_type && config.phoneme_type !== 'espeak') {
    throw new Error(`Voice ${name}: phoneme_type ${config.phoneme_type} is not supported (espeak only)`);
  }
  for (const symbol of ['_', '^', '$']) {
    if (!config.phoneme_id_map[symbol]) throw new Error(`Voice ${name}: phoneme_id_map lacks ${symbol}`);
  }
  const speakers =
    config.num_speakers > 1
      ? Object.entries(config.speaker_id_map)
          .map(([speaker, id]) => ({ name: speaker, id }))
          .sort((a, b) => a.id - b.id)
      : [];
  return {
    name,
    sampleRate: config.audio.sample_rate,
    espeakVoice: config.espeak.voice,
    language: config.language?.code ?? config.espeak.voice,
    phonemeIdMap: config.phoneme_id_map,
    speakers,
    scales: {
      noise: config.inference?.noise_scale ?? 0.667,
      length: config.inference?.length_scale ?? 1,
      noiseW: config.inference?.noise_w ?? 0.8,
    },
  };
}
