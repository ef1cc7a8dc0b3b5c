import type { ActionFetcher, FetchRequest, FetchResult } from '../actions/types.js';
import type { FlowMetrics } from '../metrics.js';

/** The most a fetch answer may weigh; more is refused rather than read into memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The customer's server, over HTTP with a hard timeout (voipbin's had none). POST and PUT
 * send the payload as JSON; GET sends the activeflow's id and reference in the query.
 */
export class HttpFetcher implements ActionFetcher {
  constructor(private readonly metrics: FlowMetrics) {}

  async fetch(request: FetchRequest): Promise<FetchResult> {
    const result = await this.send(request);
    this.metrics.fetches.inc({ outcome: result.ok ? 'ok' : result.status });
    return result;
  }

  private async send(request: FetchRequest): Promise<FetchResult> {
    let url = request.url;
    const init: RequestInit = {
      method: request.method,
      headers: { accept: 'application/json', 'user-agent': 'voxmesh-flow-manager' },
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'follow',
    };
    if (request.method === 'GET') {
      const search = new URL(url);
      for (const key of ['activeflow_id', 'reference_type', 'reference_id', 'flow_id', 'current_action_id']) {
        const value = request.payload[key];
        if (typeof value === 'string' && value !== '') search.searchParams.set(key, value);
      }
      url = search.toString();
    } else {
      init.body = JSON.stringify(request.payload);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      return failure(error, request.timeoutMs);
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, status: 'http_error', message: `the server answered ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, status: 'too_large', message: `the answer is larger than ${MAX_BODY_BYTES} bytes` };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return failure(error, request.timeoutMs);
    }
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, status: 'too_large', message: `the answer is larger than ${MAX_BODY_BYTES} bytes` };
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, status: 'bad_json', message: 'the answer is not JSON' };
    }
  }
}

function failure(error: unknown, timeoutMs: number): FetchResult {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, status: 'timeout', message: `no answer within ${timeoutMs} ms` };
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return { ok: false, status: 'network_error', message: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)) };
}
