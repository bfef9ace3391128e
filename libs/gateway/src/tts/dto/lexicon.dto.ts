import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { LEXICON_LIMITS } from '#contracts';

export class LexiconEntryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LEXICON_LIMITS.maxWordLength,
    example: 'Voxify',
    description: 'Matched as a whole word, ignoring case',
  })
  @IsString()
  @Length(1, LEXICON_LIMITS.maxWordLength)
  word!: string;

  @ApiPropertyOptional({
    maxLength: LEXICON_LIMITS.maxIpaLength,
    example: 'vˈɑːksɪfaɪ',
    description: 'IPA in the symbols of the voices (espeak-style); give this or `respelling`',
  })
  @IsOptional()
  @IsString()
  @Length(1, LEXICON_LIMITS.maxIpaLength)
  ipa?: string;

  @ApiPropertyOptional({
    maxLength: LEXICON_LIMITS.maxRespellingLength,
    example: 'vox if eye',
    description: 'Words read instead of `word`',
  })
  @IsOptional()
  @IsString()
  @Length(1, LEXICON_LIMITS.maxRespellingLength)
  respelling?: string;
}

export class PutLexiconDto {
  @ApiProperty({ type: [LexiconEntryDto], maxItems: LEXICON_LIMITS.maxEntries, description: 'Replaces the whole lexicon; [] clears it' })
  @IsArray()
  @ArrayMaxSize(LEXICON_LIMITS.maxEntries)
  @ValidateNested({ each: true })
  @Type(() => LexiconEntryDto)
  entries!: LexiconEntryDto[];
}

export class LexiconDto {
  @ApiProperty({ type: [LexiconEntryDto] })
  entries!: LexiconEntryDto[];

  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T03:00:00.000Z', description: 'null when no lexicon was ever set' })
  updated_at!: string | null;
}
