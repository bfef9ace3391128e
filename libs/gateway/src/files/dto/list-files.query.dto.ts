import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FILE_PURPOSES, type FilePurpose } from '#contracts';
import { PaginationQueryDto } from '../../pagination/pagination-query.dto.js';

export class ListFilesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: FILE_PURPOSES })
  @IsOptional()
  @IsIn(FILE_PURPOSES)
  purpose?: FilePurpose;
}
