import type { z } from 'zod';
import type { HttpMethod } from '@voxmesh/wire';
import type { Paging } from './crossbar.js';

/** Who a request is: what customer-manager said about its token. */
export interface Principal {
  token: string;
  tokenHash: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  /** The token account's ancestors, root first. */
  tree: string[];
  /** The master account's tokens reach every account. */
  superduper: boolean;
  /** API keys and admin users; plain users may read their account and edit themselves. */
  admin: boolean;
  expiresAtMs: number;
}

export interface ApiContext {
  params: Record<string, string>;
  /** The raw query; routes with a query schema get it validated in `parsedQuery`. */
  query: Record<string, string>;
  parsedQuery: unknown;
  /** The request's `data`, validated against the route's body schema. */
  body: unknown;
  principal: Principal | undefined;
  requestId: string;
  ip: string;
  /** The Accept header as sent ('' when absent): the few routes that serve a file in more than one format choose by it. */
  accept: string;
  /** The body as sent, on routes that take a file (`rawBody`). */
  raw?: { body: Buffer; contentType: string };
}

export interface ApiReply {
  data: unknown;
  /** 200 unless said (crossbar answers creates with 200 too; channel commands with 202). */
  status?: number;
  paging?: Paging;
  /** A token this reply hands out (api_auth, user_auth), put at the envelope's top level. */
  authToken?: string;
  /** A file sent as it is instead of an envelope (crossbar's `/raw` downloads). */
  file?: FileReply;
}

export interface FileReply {
  contentType: string;
  body: Buffer;
  /** The name a browser saves it under (Content-Disposition). */
  filename: string;
}

export type Access =
  /** Anyone, no token. */
  | 'public'
  /** Any valid token; when the path names an account, it must be the token's or a descendant. */
  | 'token'
  /** Only the master account's tokens. */
  | 'superduper';

/** One REST route: written once, and the server, the scope checks and the OpenAPI document read it. */
export interface ApiRoute {
  method: HttpMethod;
  /** Without the version: `/accounts/:account_id/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Plain (non-admin) users may call it; every GET allows them, writes must say so. */
  userAllowed?: boolean;
  query?: z.ZodType;
  /** The schema of the request's `data`. */
  body?: z.ZodType;
  /** The schema of the reply's `data`, for the OpenAPI document. */
  reply?: z.ZodType;
  /** A login (api_auth, user_auth): also held to the per-address login limit. */
  authAttempt?: boolean;
  /** Accept a seed's example that is not quite JSON (see json.ts). */
  lenientJson?: boolean;
  /**
   * Reads the request from the whole envelope, for a route whose documented requests put
   * keys beside `data` (Kazoo's channels.md puts `action` there). Without it, `data` is
   * the request and any key beside it is refused.
   */
  bodyOf?: (envelope: Record<string, unknown>) => unknown;
  successStatus?: number;
  /** The body is a file (crossbar's `/raw` uploads), taken as sent rather than as an envelope. */
  rawBody?: boolean;
  handler: (context: ApiContext) => Promise<ApiReply>;
}
