/**
 * The REST side of GWS: operations are `POST`s of `{"operationName": ...}` to a resource,
 * answered at once with `{statusCode}`; their effects arrive later as notifications.
 * Handles credentials, the tenant header and GWS's CSRF token.
 */

import { diagnoseNoAnswer, noteAnswered } from './cross-origin.js';

/**
 * Why an operation failed: `network` (no answer), `timeout` (no answer before the
 * deadline), `aborted` (canceled by us, e.g. the page is being left), `http` (non-2xx),
 * `status` (`statusCode > 0`), `csrf`, `invalid` (an answer that is not a GWS result).
 */
export type OperationFailure = 'network' | 'timeout' | 'aborted' | 'http' | 'status' | 'csrf' | 'invalid';

/** A failed operation, with a description in plain words. */
export class OperationError extends Error {
  override readonly name = 'OperationError';
  constructor(
    message: string,
    /** `network` (no answer), `http` (non-2xx), `status` (`statusCode > 0`), `csrf`, `invalid` (bad answer). */
    readonly failure: OperationFailure,
    /** HTTP status, when there was an answer. */
    readonly httpStatus: number | null = null,
    /** GWS `statusCode`, when the answer had one. */
    readonly statusCode: number | null = null,
    /** How long the server asked us to wait before trying again (`Retry-After`), in ms. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }

  /**
   * Whether the server may have carried the operation out although we could not tell: no
   * answer (network, deadline, aborted) or a gateway error. Such a request is not simply
   * sent again: first look whether its effect is there.
   */
  get outcomeUnknown(): boolean {
    if (this.failure === 'network' || this.failure === 'timeout' || this.failure === 'aborted') return true;
    return this.failure === 'http' && (this.httpStatus === 500 || this.httpStatus === 502 || this.httpStatus === 504);
  }

  /** Whether no answer came (network, deadline, canceled): a failure of the transport, not the server's word. */
  get noAnswer(): boolean {
    return this.failure === 'network' || this.failure === 'timeout' || this.failure === 'aborted';
  }

  /** Whether trying again later may succeed (no answer, HTTP 408, 429, 5xx). */
  get transient(): boolean {
    if (this.failure === 'network' || this.failure === 'timeout') return true;
    return this.failure === 'http' && (this.httpStatus === 408 || this.httpStatus === 429 || (this.httpStatus ?? 0) >= 500);
  }
}

/** Shortest wait taken from a `Retry-After` (a server saying "0" gets no burst of retries). */
const MIN_RETRY_AFTER = 250;
/** Longest wait taken from a `Retry-After`. */
const MAX_RETRY_AFTER = 3_600_000;

/**
 * Reads a `Retry-After` header (delay-seconds, or an HTTP date) as ms from now, within
 * 0.25 s .. 1 h; `null` if absent or not one of those two forms.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (/^[A-Za-z]{3}, /.test(value)) ms = Date.parse(value) - now;
  else return null;
  return Number.isNaN(ms) ? null : Math.min(Math.max(MIN_RETRY_AFTER, ms), MAX_RETRY_AFTER);
}

/** A successful GWS answer (`statusCode` 0) with whatever else it carried. */
export type OperationResult = Readonly<Record<string, unknown>> & { readonly statusCode: 0 };

/** What the REST client needs to know. */
export interface RestClientOptions {
  /** Sent as the `ContactCenterId` header when set. */
  readonly contactCenterId?: string;
  /** GET this URL to obtain a fresh CSRF token (GWS: `{api}/me`). */
  readonly csrfUrl?: string;
  /** Replaceable for tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** The small interface the session's requests go through (a test may supply its own). */
export interface OperationSender {
  /** POSTs an operation; `signal` aborts it (the request then fails as `timeout` or `aborted`). */
  post(url: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<OperationResult>;
  get(url: string, signal?: AbortSignal): Promise<OperationResult>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A GWS REST client. One per session; CSRF tokens are remembered per client. */
export class RestClient implements OperationSender {
  #csrf: { header: string; token: string } | null = null;

  constructor(private readonly options: RestClientOptions = {}) {}

  /** Sends an operation; retries once with a fresh CSRF token on a 403. */
  async post(url: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<OperationResult> {
    let response = await this.#request('POST', url, body, signal);
    if (response.status === 403 && this.options.csrfUrl) {
      await this.#refreshCsrf(signal);
      response = await this.#request('POST', url, body, signal);
      if (response.status === 403) {
        throw new OperationError('The server refused the request (403: missing or invalid CSRF token).', 'csrf', 403);
      }
    }
    return this.#result(response, signal);
  }

  async get(url: string, signal?: AbortSignal): Promise<OperationResult> {
    return this.#result(await this.#request('GET', url, undefined, signal), signal);
  }

  async #refreshCsrf(signal?: AbortSignal): Promise<void> {
    try {
      await this.#request('GET', this.options.csrfUrl!, undefined, signal);
    } catch {
      // The retry below reports the failure.
    }
  }

  async #request(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.options.contactCenterId) headers['ContactCenterId'] = this.options.contactCenterId;
    if (method !== 'GET' && this.#csrf) headers[this.#csrf.header] = this.#csrf.token;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        credentials: 'include',
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      throw failedRequest(e, signal, url);
    }
    const header = response.headers.get('X-CSRF-HEADER');
    const token = response.headers.get('X-CSRF-TOKEN');
    if (header && token) this.#csrf = { header, token };
    return response;
  }

  async #result(response: Response, signal?: AbortSignal): Promise<OperationResult> {
    // An answer the page can read: the server allows this page (a later silence is an outage).
    if (response.url) noteAnswered(response.url);
    let json: unknown;
    try {
      json = await response.json();
    } catch (e) {
      if (signal?.aborted) throw failedRequest(e, signal, response.url);
      json = undefined;
    }
    const statusMessage = isRecord(json) && typeof json['statusMessage'] === 'string' ? json['statusMessage'] : '';
    if (!response.ok) {
      throw new OperationError(
        `The server answered ${response.status}${statusMessage ? `: ${statusMessage}` : ''}.`, 'http', response.status,
        null, retryAfterMs(response.headers.get('Retry-After')),
      );
    }
    if (!isRecord(json) || typeof json['statusCode'] !== 'number') {
      throw new OperationError('The server sent an answer that is not a GWS result.', 'invalid', response.status);
    }
    const statusCode = json['statusCode'];
    if (statusCode !== 0) {
      throw new OperationError(statusMessage || `The server refused the operation (statusCode ${statusCode}).`, 'status', response.status, statusCode);
    }
    return json as OperationResult;
  }
}

/**
 * The error for a request that got no answer: aborted by its signal (deadline or cancel) or
 * the network's (which, to a server on another origin, names the likely cause: CORS).
 */
function failedRequest(e: unknown, signal: AbortSignal | undefined, url: string): OperationError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'DeadlineExceeded') return new OperationError(reason.message, 'timeout');
    return new OperationError('The request was canceled.', 'aborted');
  }
  const problem = diagnoseNoAnswer(url);
  return new OperationError(problem?.message ?? `Could not reach the server (${e instanceof Error ? e.message : String(e)}).`, 'network');
}
