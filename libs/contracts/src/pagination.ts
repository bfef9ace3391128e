/** The pagination block of every list, as the Voxify API text shows it. */
export interface PageView {
  page: number;
  page_size: number;
  total_count: number;
  total_pages: number;
  has_next: boolean;
  has_prev: boolean;
}

/** The block for page `page` (1-based) of `pageSize` items out of `totalCount`. */
export function pageView(page: number, pageSize: number, totalCount: number): PageView {
  const totalPages = Math.ceil(totalCount / pageSize);
  return { page, page_size: pageSize, total_count: totalCount, total_pages: totalPages, has_next: page < totalPages, has_prev: page > 1 };
}
