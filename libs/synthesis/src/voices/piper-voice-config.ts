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
  hop_length: z.number().int().positive().optional(),
  voxify: z
    .object({
      speaker_embedding_dim: z.number().int().positive().optional(),
      speaker_embeddings: z.record(z.string(), z.array(z.number())).optional(),
    })
    .passthrough()
    .optional(),
});

export type PiperVoiceConfig = z.output<typeof piperVoiceConfigSchema>;

export interface VoiceSpeaker {
  name: string;
  id: number;
}

/** The voice's speaker table (Voxify `speaker_embeddings`): one row per speaker, fed as `speaker_embedding`. */
export interface SpeakerEmbeddingTable {
  dim: number;
  rows: ReadonlyMap<string, Float32Array>;
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
  /** Audio samples per model frame, when the config says (`hop_length`). */
  hopLength?: number;
  speakerEmbeddings?: SpeakerEmbeddingTable;
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
    ...(config.hop_length ? { hopLength: config.hop_length } : {}),
    ...speakerEmbeddingsOf(name, config, speakers),
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

function speakerEmbeddingsOf(
  name: string,
  config: PiperVoiceConfig,
  speakers: readonly VoiceSpeaker[],
): { speakerEmbeddings?: SpeakerEmbeddingTable } {
  const table = config.voxify?.speaker_embeddings;
  if (!table) return {};
  const dim = config.voxify?.speaker_embedding_dim ?? Object.values(table)[0]?.length ?? 0;
  const rows = new Map<string, Float32Array>();
  for (const [speaker, row] of Object.entries(table)) {
    if (row.length !== dim) throw new Error(`Voice ${name}: speaker embedding ${speaker} has ${row.length} values, expected ${dim}`);
    rows.set(speaker, Float32Array.from(row));
  }
  const missing = speakers.find((speaker) => !rows.has(speaker.name));
  if (missing) throw new Error(`Voice ${name}: no speaker embedding for speaker ${missing.name}`);
  return dim > 0 && rows.size > 0 ? { speakerEmbeddings: { dim, rows } } : {};
}
