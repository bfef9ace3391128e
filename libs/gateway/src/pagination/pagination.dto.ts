import { pageView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/** The `pagination` block of every list response. */
export class PaginationDto {
  @ApiProperty({ example: 1, minimum: 1 })
  page!: number;

  @ApiProperty({ example: 20, minimum: 1, maximum: 100 })
  page_size!: number;

  @ApiProperty({ example: 57, minimum: 0 })
  total_count!: number;

  @ApiProperty({ example: 3, minimum: 0 })
  total_pages!: number;

  @ApiProperty({ example: true })
  has_next!: boolean;

  @ApiProperty({ example: false })
  has_prev!: boolean;
}

/**
 * A page of a list, under a key named for what it lists (`{ samples: [...], pagination }`), as the
 * Voxify API text shows for every list endpoint.
 */
export type Paginated<T, K extends string = 'items'> = { [P in K]: T[] } & { pagination: PaginationDto };

export function buildPagination(page: number, pageSize: number, totalCount: number): PaginationDto {
  return pageView(page, pageSize, totalCount);
}

export function paginated<T, K extends string>(
  itemsKey: K,
  items: T[],
  page: { page: number; pageSize: number; totalCount: number },
): Paginated<T, K> {
  return { [itemsKey]: items, pagination: buildPagination(page.page, page.pageSize, page.totalCount) } as Paginated<T, K>;
}
