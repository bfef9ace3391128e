import { ApiProperty } from '@nestjs/swagger';
import type { FileInfoView } from '#contracts';

export class FileInfoDto implements FileInfoView {
  @ApiProperty({ example: 'file_4f9k2m8q1x7c3v5b0n6z' })
  file_id!: string;

  @ApiProperty({ example: 'synthesis_output.wav' })
  filename!: string;

  @ApiProperty({ example: 'audio/wav' })
  content_type!: string;

  @ApiProperty({ description: 'Bytes', example: 1048576 })
  size!: number;

  @ApiProperty({ description: 'Seconds of audio, when known', nullable: true, type: Number, example: 15.5 })
  duration!: number | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:30:00.000Z' })
  expires_at!: string | null;
}

/** The public info of a file: the API text's shape, without where or how it is stored. */
export function toFileInfo(view: FileInfoView): FileInfoDto {
  return {
    file_id: view.file_id,
    filename: view.filename,
    content_type: view.content_type,
    size: view.size,
    duration: view.duration,
    created_at: view.created_at,
    expires_at: view.expires_at,
  };
}
