import { z } from 'zod';
import type { Paging } from '../http/crossbar.js';

/**
 * Crossbar's paging on every listing: `page_size` (default 50), `start_key` from the
 * previous page's `next_start_key`, `paginate=false` for one large page. Other query
 * keys pass untouched, as browsers add cache-busters.
 */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

export const pagingQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  start_key: z.string().min(1).max(512).optional(),
  paginate: z.enum(['true', 'false']).optional(),
});
export type PagingQuery = z.infer<typeof pagingQuerySchema>;

export interface PageRequest {
  size: number;
  startKey: string | undefined;
}

export function pageRequest(query: unknown, cap = MAX_PAGE): PageRequest {
  const parsed = query as PagingQuery;
  const size = parsed.paginate === 'false' ? cap : Math.min(cap, parsed.page_size ?? DEFAULT_PAGE);
  return { size, startKey: parsed.start_key };
}

export function pagingOf(request: PageRequest, count: number, next: string | undefined): Paging {
  const paging: Paging = { page_size: count };
  if (request.startKey !== undefined) paging.start_key = request.startKey;
  if (next !== undefined && next !== '') paging.next_start_key = next;
  return paging;
}
