import type { ErrorCode } from '@plaza/contract';
import { ErrorBody, safeCheck, type Check } from '@plaza/contract/checks';
import { PlazaError } from './errors.ts';
import type { ClientOptions } from './types.ts';

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Validates the success body; omit for responses without one. */
  schema?: Check<T>;
  /** One key per user action, reused by every retry of that action. */
  idempotencyKey?: string;
  /** Aborts the request (and any retry of it): it then rejects with code `aborted`. */
  signal?: AbortSignal;
}

export type Transport = <T>(path: string, options?: RequestOptions<T>) => Promise<T>;

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'idempotency_conflict',
  429: 'rate_limited',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A v4 UUID; `crypto.randomUUID` is missing on plain-http intranet pages (not a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/** The body of a successful response, checked against the contract; a PlazaError when it is not JSON or does not fit. */
export async function validBody<T>(response: Response, check: Check<T>): Promise<T> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new PlazaError('invalid_response', 'The server sent a response that is not JSON', response.status);
  }
  const parsed = safeCheck(check, json);
  if (!parsed.success) {
    throw new PlazaError('invalid_response', 'The server sent a response Plaza does not understand', response.status);
  }
  return parsed.data;
}

export async function errorFromResponse(response: Response): Promise<PlazaError> {
  const retryAfter = retryAfterSeconds(response);
  const parsed = await response.json().then(
    (json: unknown) => safeCheck(ErrorBody, json),
    () => undefined,
  );
  if (parsed?.success) {
    const { code, message, fields } = parsed.data.error;
    return new PlazaError(code, message, response.status, retryAfter, fields);
  }
  const code = STATUS_CODES[response.status] ?? (response.status >= 500 ? 'internal' : 'invalid_response');
  return new PlazaError(code, `HTTP ${response.status}`, response.status, retryAfter);
}

/**
 * Opens `GET <base>v1/events` as a stream with the same auth as every request (cookie, or a bearer token —
 * which is why the SDK reads the stream with fetch rather than EventSource).
 */
export function createStreamOpener(options: ClientOptions) {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (lastEventId: string | null, signal: AbortSignal): Promise<Response> => {
    // Only headers the server's CORS list allows, so a page of another origin gets its stream too; `cache`
    // rather than a Cache-Control request header keeps the stream out of the HTTP cache.
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    const token = options.getToken ? await options.getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    return doFetch(`${base}v1/events`, {
      headers,
      cache: 'no-store',
      credentials: options.credentials ?? 'same-origin',
      signal,
    });
  };
}

/**
 * The one place that talks HTTP: URL, auth (cookie + CSRF header, or bearer token refreshed once on 401),
 * retries with exponential backoff and full jitter (network errors, 5xx, 429 with Retry-After), and
 * validation of every body against the contract. Everything that fails becomes a PlazaError.
 */
export function createTransport(options: ClientOptions): Transport {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retries = options.retry?.retries ?? 3;
  const baseDelay = options.retry?.baseDelayMs ?? 300;
  const maxDelay = options.retry?.maxDelayMs ?? 10_000;
  const maxWait = options.retry?.maxWaitMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 15_000;

  const send = async (
    path: string,
    method: string,
    body: unknown,
    idempotencyKey: string | undefined,
    token: string | null,
    signal: AbortSignal | undefined,
  ) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // A custom header cannot be sent cross-site without CORS, which is what the server's CSRF check relies on.
    if (method !== 'GET') headers['X-Plaza-CSRF'] = '1';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.locale) headers['Accept-Language'] = options.locale;
    try {
      return await doFetch(`${base}${path.replace(/^\//, '')}`, {
        method,
        headers,
        credentials: options.credentials ?? 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (signal?.aborted || (cause instanceof DOMException && cause.name === 'AbortError'))
        throw new PlazaError('aborted', 'Request aborted');
      throw new PlazaError('network', 'The Plaza server could not be reached');
    }
  };

  return async <T>(path: string, request: RequestOptions<T> = {}): Promise<T> => {
    const method = request.method ?? 'GET';
    let token = options.getToken ? await options.getToken() : null;
    let refreshedToken = false;
    let timeouts = 0;
    for (let attempt = 0; ; attempt++) {
      let error: PlazaError;
      // Each attempt has its own deadline; the caller's signal still aborts it (and every retry).
      const attemptAbort = new AbortController();
      let timedOut = false;
      const abortAttempt = () => attemptAbort.abort();
      request.signal?.addEventListener('abort', abortAttempt, { once: true });
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              attemptAbort.abort();
            }, timeoutMs)
          : undefined;
      try {
        if (request.signal?.aborted) throw new PlazaError('aborted', 'Request aborted');
        const response = await send(path, method, request.body, request.idempotencyKey, token, attemptAbort.signal);
        if (response.status === 401 && options.getToken && token && !refreshedToken) {
          refreshedToken = true;
          token = await options.getToken();
          attempt--;
          continue;
        }
        if (!response.ok) throw await errorFromResponse(response);
        if (!request.schema) return undefined as T;
        return await validBody(response, request.schema);
      } catch (caught) {
        if (timedOut && !request.signal?.aborted) {
          timeouts++;
          error = new PlazaError('network', `The Plaza server did not answer within ${timeoutMs} ms`);
        } else if (caught instanceof PlazaError) {
          error = caught;
        } else {
          throw caught;
        }
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', abortAttempt);
      }
      // A server that does not answer gets one more chance, not every retry: the person is waiting.
      if (!error.retryable || attempt >= retries || timeouts >= 2) throw error;
      // A long Retry-After is the person's to know ("try again in 40 seconds"), not a wait behind a spinner.
      if (error.retryAfter !== null && error.retryAfter * 1000 > maxWait) throw error;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt) * Math.random();
      await sleep(error.retryAfter !== null ? error.retryAfter * 1000 : backoff);
    }
  };
}
