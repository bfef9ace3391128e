import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { ListVoicesQuery, SynthesizeSpeechCommand, type VoiceView } from '#contracts';
import type { MessageBus } from '#messaging';
import type { BlobStore } from '#storage';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { SentenceStreamer } from '../tts/sentence-streamer.js';
import { withAuthentication, type GrpcErrorLogger } from './authenticate-grpc-call.js';
import { withStreamAuthentication } from './authenticate-grpc-stream.js';
import { readSynthesizedAudio } from './tts-audio.reader.js';
import { synthesizeStream, type GrpcSynthesizeStreamChunk } from './tts-synthesize-stream.js';
import { toSynthesizeCommand, type GrpcSynthesizeRequest } from './tts-synthesize-request.js';

/** `voxify.v1.SynthesizeResponse` as proto-loader (keepCase) writes it. */
export interface GrpcSynthesizeResponse {
  synthesis_id: string;
  audio: Buffer;
  format: string;
  sample_rate: number;
  duration_seconds: number;
  audio_url: string;
}

/** `voxify.v1.Voice`. */
export interface GrpcVoice {
  id: string;
  name: string;
  speaker: string;
  language: string;
  sample_rate: number;
  num_speakers: number;
}

export interface GrpcListVoicesResponse {
  voices: GrpcVoice[];
  default_voice_id: string;
}

/** What the Tts methods use; the blob store is looked up per call (it belongs to the files module). */
export interface TtsGrpcDependencies {
  bus: MessageBus;
  blobs: () => BlobStore;
}

const TTS_ACCESS = { scopes: ['tts' as const] };

/** The methods of `voxify.v1.Tts`: the REST synthesis routes over gRPC, with the `tts` scope. */
export function ttsGrpcService(
  authenticator: CredentialsAuthenticator,
  { bus, blobs }: TtsGrpcDependencies,
  logError?: GrpcErrorLogger,
): UntypedServiceImplementation {
  const streamer = new SentenceStreamer(bus);
  return {
    Synthesize: withAuthentication<GrpcSynthesizeRequest, GrpcSynthesizeResponse>(
      authenticator,
      async (call, { principal }) => {
        const result = await bus.send(SynthesizeSpeechCommand, await toSynthesizeCommand(call.request, principal.userId));
        const audio = await readSynthesizedAudio(result, principal.userId, bus, blobs());
        return {
          synthesis_id: result.synthesis_id,
          audio,
          format: result.format,
          sample_rate: result.sample_rate,
          duration_seconds: result.duration,
          audio_url: result.audio_url,
        };
      },
      { ...TTS_ACCESS, method: 'voxify.v1.Tts/Synthesize', logError },
    ),
    SynthesizeStream: withStreamAuthentication<GrpcSynthesizeRequest, GrpcSynthesizeStreamChunk>(
      authenticator,
      (call, { principal }) => synthesizeStream(call, principal.userId, streamer),
      { ...TTS_ACCESS, method: 'voxify.v1.Tts/SynthesizeStream', logError },
    ),
    ListVoices: withAuthentication<Record<string, never>, GrpcListVoicesResponse>(
      authenticator,
      async () => {
        const { voices, default_voice_id } = await bus.query(ListVoicesQuery, {});
        return { voices: voices.map(toGrpcVoice), default_voice_id };
      },
      { ...TTS_ACCESS, method: 'voxify.v1.Tts/ListVoices', logError },
    ),
  };
}

function toGrpcVoice(voice: VoiceView): GrpcVoice {
  return {
    id: voice.voice_id,
    name: voice.name,
    speaker: voice.speaker ?? '',
    language: voice.language,
    sample_rate: voice.sample_rate,
    num_speakers: voice.num_speakers,
  };
}
