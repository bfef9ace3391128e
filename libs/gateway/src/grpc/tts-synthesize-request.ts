import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ApplicationError, ErrorCode, type AudioFormat, type PayloadOf, type SynthesizeSpeechCommand } from '#contracts';
import { SynthesizeRequestDto } from '../tts/dto/synthesize-request.dto.js';
import { toFieldValidationErrors } from '../validation/field-validation-error.js';

/** `voxify.v1.SynthesizeRequest` as proto-loader (keepCase, defaults) reads it. */
export interface GrpcSynthesizeRequest {
  text: string;
  voice_id: string;
  output_format: string;
  sample_rate: number;
  speed: number;
  volume: number;
}

/**
 * The synthesis command for a gRPC request, validated by the REST route's DTO rules (VALIDATION_ERROR
 * with one entry per field). Proto3 zero values (empty string, 0) mean "not set".
 */
export async function toSynthesizeCommand(
  request: GrpcSynthesizeRequest,
  userId: string,
): Promise<PayloadOf<typeof SynthesizeSpeechCommand>> {
  const config = withoutZeroValues({
    output_format: request.output_format,
    sample_rate: request.sample_rate,
    speed: request.speed,
    volume: request.volume,
  });
  const body = plainToInstance(SynthesizeRequestDto, { text: request.text, ...withoutZeroValues({ voice_id: request.voice_id }), config });
  const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fields = toFieldValidationErrors(errors);
    throw new ApplicationError(ErrorCode.VALIDATION_ERROR, fields.flatMap((field) => field.messages).join('; '), fields);
  }
  const { output_format, ...settings } = body.config ?? {};
  return {
    user_id: userId,
    text: body.text,
    ...(body.voice_id === undefined ? {} : { voice_id: body.voice_id }),
    // The service checks the format against what it can encode (UNSUPPORTED_FORMAT).
    config: { ...settings, ...(output_format === undefined ? {} : { output_format: output_format as AudioFormat }) },
  };
}

function withoutZeroValues<Fields extends Record<string, string | number>>(fields: Fields): Partial<Fields> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== 0)) as Partial<Fields>;
}
