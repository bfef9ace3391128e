import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { JOB_SORT_FIELDS, JOB_STATUSES, SORT_ORDERS, type JobSortField, type JobStatus, type SortOrder } from '#contracts';
import { PaginationQueryDto } from '../../pagination/pagination-query.dto.js';

export class ListJobsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;

  @ApiPropertyOptional({ example: 'voice.training' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  type?: string;

  @ApiPropertyOptional({ enum: JOB_SORT_FIELDS, default: 'created_at' })
  @IsOptional()
  @IsIn(JOB_SORT_FIELDS)
  sort?: JobSortField;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}
