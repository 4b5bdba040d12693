/**
 * The REST side of GWS: operations are `POST`s of `{"operationName": ...}` to a resource,
 * answered at once with `{statusCode}`; their effects arrive later as notifications.
 * Handles credentials, the tenant header and GWS's CSRF token.
 */

/** Why an operation failed. */
export type OperationFailure = 'network' | 'http' | 'status' | 'csrf' | 'invalid';

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
  ) {
    super(message);
  }
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

/** The small interface elements depend on. */
export interface OperationSender {
  post(url: string, body: Readonly<Record<string, unknown>>): Promise<OperationResult>;
  get(url: string): Promise<OperationResult>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A GWS REST client. One per element; CSRF tokens are remembered per client. */
export class RestClient implements OperationSender {
  #csrf: { header: string; token: string } | null = null;

  constructor(private readonly options: RestClientOptions = {}) {}

  /** Sends an operation; retries once with a fresh CSRF token on a 403. */
  async post(url: string, body: Readonly<Record<string, unknown>>): Promise<OperationResult> {
    let response = await this.#request('POST', url, body);
    if (response.status === 403 && this.options.csrfUrl) {
      await this.#refreshCsrf();
      response = await this.#request('POST', url, body);
      if (response.status === 403) {
        throw new OperationError('The server refused the request (403: missing or invalid CSRF token).', 'csrf', 403);
      }
    }
    return this.#result(response);
  }

  async get(url: string): Promise<OperationResult> {
    return this.#result(await this.#request('GET', url));
  }

  async #refreshCsrf(): Promise<void> {
    try {
      await this.#request('GET', this.options.csrfUrl!);
    } catch {
      // The retry below reports the failure.
    }
  }

  async #request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Response> {
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
      });
    } catch (e) {
      throw new OperationError(`Could not reach the server (${e instanceof Error ? e.message : String(e)}).`, 'network');
    }
    const header = response.headers.get('X-CSRF-HEADER');
    const token = response.headers.get('X-CSRF-TOKEN');
    if (header && token) this.#csrf = { header, token };
    return response;
  }

  async #result(response: Response): Promise<OperationResult> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    const statusMessage = isRecord(json) && typeof json['statusMessage'] === 'string' ? json['statusMessage'] : '';
    if (!response.ok) {
      throw new OperationError(
        `The server answered ${response.status}${statusMessage ? `: ${statusMessage}` : ''}.`, 'http', response.status,
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
