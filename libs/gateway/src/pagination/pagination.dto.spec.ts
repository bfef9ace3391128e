import { buildPagination, paginated } from './pagination.dto.js';

describe('buildPagination', () => {
  it.each([
    [1, 20, 0, { total_pages: 0, has_next: false, has_prev: false }],
    [1, 20, 20, { total_pages: 1, has_next: false, has_prev: false }],
    [1, 20, 21, { total_pages: 2, has_next: true, has_prev: false }],
    [3, 10, 25, { total_pages: 3, has_next: false, has_prev: true }],
  ])('page %i of size %i over %i items', (page, pageSize, totalCount, expected) => {
    expect(buildPagination(page, pageSize, totalCount)).toEqual({ page, page_size: pageSize, total_count: totalCount, ...expected });
  });
});

describe('paginated', () => {
  it('puts the items under the given key next to the pagination block', () => {
    const page = paginated('jobs', [{ id: 'j1' }], { page: 2, pageSize: 1, totalCount: 3 });

    expect(page).toEqual({
      jobs: [{ id: 'j1' }],
      pagination: { page: 2, page_size: 1, total_count: 3, total_pages: 3, has_next: true, has_prev: true },
    });
  });
});
