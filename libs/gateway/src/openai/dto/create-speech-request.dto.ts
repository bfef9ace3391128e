import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_OPENAI_RESPONSE_FORMAT, OPENAI_RESPONSE_FORMATS, type OpenAiResponseFormat } from '../openai-speech-format.js';

export const MAX_OPENAI_SPEECH_INPUT_LENGTH = 4096;
export const OPENAI_STREAM_FORMATS = ['audio', 'sse'] as const;
export type OpenAiStreamFormat = (typeof OPENAI_STREAM_FORMATS)[number];

/** OpenAI's `POST /v1/audio/speech` body. */
export class CreateSpeechRequestDto {
  @ApiProperty({
    example: 'tts-1',
    description: '`tts-1`, `tts-1-hd`, `gpt-4o-mini-tts` or one of our voice models; accepted, the voice decides how it sounds',
  })
  @IsString()
  @Length(1, 200)
  model!: string;

  @ApiProperty({ minLength: 1, maxLength: MAX_OPENAI_SPEECH_INPUT_LENGTH, example: 'Hello from Voxify.' })
  @IsString()
  @Length(1, MAX_OPENAI_SPEECH_INPUT_LENGTH)
  @Matches(/\S/, { message: 'input must not be blank' })
  input!: string;

  @ApiProperty({
    example: 'alloy',
    description: "An OpenAI voice name (see the map above) or one of our voice ids, e.g. 'en_US-voxify-low:slt'",
  })
  @IsString()
  @Length(1, 200)
  voice!: string;

  @ApiPropertyOptional({
    enum: OPENAI_RESPONSE_FORMATS,
    default: DEFAULT_OPENAI_RESPONSE_FORMAT,
    description: '`opus` is Opus in Ogg; `pcm` is 24 kHz 16-bit mono; `aac` answers 400 UNSUPPORTED_FORMAT',
  })
  @IsOptional()
  @IsIn(OPENAI_RESPONSE_FORMATS)
  response_format?: OpenAiResponseFormat;

  @ApiPropertyOptional({ minimum: 0.25, maximum: 4, default: 1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(4)
  speed?: number;

  @ApiPropertyOptional({
    maxLength: MAX_OPENAI_SPEECH_INPUT_LENGTH,
    description: 'Accepted and not applied: our voices take no instructions',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_OPENAI_SPEECH_INPUT_LENGTH)
  instructions?: string;

  @ApiPropertyOptional({
    enum: OPENAI_STREAM_FORMATS,
    description:
      'Absent: the whole file (Content-Length). `audio`: chunked bytes, first sentence first. `sse`: `speech.audio.delta` ' +
      'events (base64 audio; joined, one file) then `speech.audio.done`. Streaming takes mp3, opus, wav or pcm.',
  })
  @IsOptional()
  @IsIn(OPENAI_STREAM_FORMATS)
  stream_format?: OpenAiStreamFormat;
}
