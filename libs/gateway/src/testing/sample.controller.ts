import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { RawResponse, ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { PaginationQueryDto } from '../pagination/pagination-query.dto.js';
import { paginated, type Paginated } from '../pagination/pagination.dto.js';

export class VoiceSettingsDto {
  @IsNumber()
  @Min(0.5)
  @Max(2)
  speed!: number;
}

export class CreateSampleDto {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => VoiceSettingsDto)
  settings?: VoiceSettingsDto;
}

export class SampleDto {
  @ApiProperty({ example: 'vs_1' })
  id!: string;
}

/** Routes of the kind later features add, to drive the HTTP shell in tests. */
@Controller('samples')
export class SampleController {
  @Get()
  @ApiPaginatedEnvelopeResponse(SampleDto, { itemsKey: 'samples' })
  list(@Query() query: PaginationQueryDto): Paginated<{ id: string }, 'samples'> {
    const all = Array.from({ length: 45 }, (_, i) => ({ id: `vs_${i + 1}` }));
    const start = (query.page - 1) * query.page_size;
    return paginated('samples', all.slice(start, start + query.page_size), {
      page: query.page,
      pageSize: query.page_size,
      totalCount: all.length,
    });
  }

  @Get('raw/file')
  @RawResponse()
  raw(): { plain: true } {
    return { plain: true };
  }

  @Get('text/plain')
  text(): string {
    return 'just text';
  }

  @Post()
  @ResponseMessage('Voice sample uploaded successfully')
  create(@Body() body: CreateSampleDto): CreateSampleDto {
    return body;
  }

  @Post('nothing')
  @HttpCode(200)
  nothing(): void {}

  @Post('nothing-with-message')
  @HttpCode(200)
  @ResponseMessage('Nothing happened')
  nothingWithMessage(): void {}

  @Get('failing/unexpected')
  unexpected(): never {
    throw new Error('connect ECONNREFUSED postgres://voxify:s3cret@db:5432 at /srv/voice/repository.ts:42');
  }

  @Get('missing/one')
  missing(): never {
    throw new NotFoundException('Sample vs_missing does not exist');
  }

  @Get(':id')
  @ApiEnvelopeResponse(SampleDto, { description: 'The sample' })
  @ApiErrorResponses('SAMPLE_NOT_FOUND', 'NOT_FOUND', 'PERMISSION_DENIED')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}
