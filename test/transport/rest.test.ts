import { expect } from '@open-wc/testing';
import { OperationError, RestClient, retryAfterMs, type OperationFailure } from '../../src/transport/rest.js';
import { received, rest, simulatedChat, uniqueId } from '../support/gws.js';

// These tests talk to the real GWS simulator the test server mounts at /api/v2
// (demo/simulator-rest.mjs). Other test files use the same server at the same time, so:
// failures are injected under operation names no one else uses, and CSRF enforcement
// (a server-wide switch) is always turned off again.

const API = '/api/v2';
const CSRF_URL = `${API}/me`;
const chatUrl = (id: string) => `${API}/chats/${encodeURIComponent(id)}`;

/** A fetch that records every request, then asks the real server. */
function recordingFetch(): { fetch: typeof fetch; calls: Array<{ method: string; url: string; headers: Record<string, string> }> } {
  const calls: Array<{ method: string; url: string; headers: Record<string, string> }> = [];
  const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...((init?.headers ?? {}) as Record<string, string>) },
    });
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: spy, calls };
}

/** The OperationError a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<OperationError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(OperationError);
    return e as OperationError;
  }
  throw new Error(`expected an OperationError, got ${JSON.stringify(result)}`);
}

function expectFailure(e: OperationError, failure: OperationFailure, httpStatus: number | null, statusCode: number | null): void {
  expect(e.name).to.equal('OperationError');
  expect(e).to.be.instanceOf(Error);
  expect([e.failure, e.httpStatus, e.statusCode]).to.deep.equal([failure, httpStatus, statusCode]);
  expect(e.message).to.be.a('string').and.not.equal('');
}

describe('RestClient against the simulator', () => {
  let id: string;

  beforeEach(async () => {
    id = await simulatedChat();
  });

  describe('results', () => {
    it('posts {operationName, text} as JSON to the chat and resolves with the statusCode 0 answer', async () => {
      const client = new RestClient();
      const result = await client.post(chatUrl(id), { operationName: 'SendMessage', text: 'Hello from the REST test' });
      expect(result).to.deep.equal({ statusCode: 0 });
      const ops = await received(id);
      expect(ops).to.have.length(1);
      expect(ops[0]!.path).to.equal(`/chats/${id}`);
      expect(ops[0]!.operationName).to.equal('SendMessage');
      expect(ops[0]!.body).to.deep.equal({ operationName: 'SendMessage', text: 'Hello from the REST test' });
      // The server really carried it out.
      const log = await rest<Array<{ type: string; text?: string }>>('log', id);
      expect(log.filter((m) => m.type === 'Text').map((m) => m.text)).to.deep.equal(['Hello from the REST test']);
    });

    it('resolves with everything a statusCode 0 answer carries', async () => {
      const client = new RestClient();
      await client.post(chatUrl(id), { operationName: 'SendStartTypingNotification' });
      const result = await client.get(`${chatUrl(id)}/messages`);
      expect(result.statusCode).to.equal(0);
      const messages = result['messages'] as Array<{ type: string }>;
      expect(messages.map((m) => m.type)).to.deep.equal(['TypingStarted']);
    });

    it('GETs without a body, Content-Type or token; POSTs JSON with the token it got; both with credentials', async () => {
      const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
      const client = new RestClient({
        fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
          requests.push({ url: String(input), init });
          return fetch(input, init);
        }) as typeof fetch,
      });
      await client.get(CSRF_URL);
      await client.post(chatUrl(id), { operationName: 'SendStopTypingNotification' });
      expect(requests.map((r) => [r.init?.method, r.url])).to.deep.equal([['GET', CSRF_URL], ['POST', chatUrl(id)]]);
      const [get, post] = requests.map((r) => r.init!);
      expect(get!.body).to.equal(undefined);
      expect(get!.headers).to.deep.equal({ Accept: 'application/json' });
      expect(get!.credentials).to.equal('include');
      // The simulator hands out its CSRF token on every answer: the POST carries the one the GET got.
      const token = (await received(id))[0]!.csrf;
      expect(token).to.be.a('string').and.not.equal('');
      expect(post!.headers).to.deep.equal({ Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token });
      expect(post!.credentials).to.equal('include');
      expect(JSON.parse(post!.body as string)).to.deep.equal({ operationName: 'SendStopTypingNotification' });
    });
  });

  describe('failures', () => {
    it('rejects a statusCode > 0 answer as a "status" failure with the server\'s statusMessage', async () => {
      const op = uniqueId('StatusOp');
      await rest('failNext', op, { id, statusCode: 5, statusMessage: 'Agent unavailable' });
      const e = await rejection(new RestClient().post(chatUrl(id), { operationName: op, text: 'x' }));
      expectFailure(e, 'status', 200, 5);
      expect(e.message).to.equal('Agent unavailable');
    });

    it('rejects a real refusal of the simulator (SendMessage of an empty text) as "status"', async () => {
      const e = await rejection(new RestClient().post(chatUrl(id), { operationName: 'SendMessage', text: '   ' }));
      expectFailure(e, 'status', 200, 1);
      expect(e.message).to.equal('text is required');
    });

    it('describes a statusCode > 0 answer without a statusMessage by its code', async () => {
      const e = await rejection(new RestClient({
        fetch: (async () => new Response('{"statusCode": 7}')) as typeof fetch,
      }).post(chatUrl(id), { operationName: 'SendMessage', text: 'x' }));
      expectFailure(e, 'status', 200, 7);
      expect(e.message).to.contain('7');
    });

    it('rejects an HTTP 500 as an "http" failure with the status and statusMessage', async () => {
      const op = uniqueId('HttpOp');
      await rest('failNext', op, { id, status: 500, statusCode: 500, statusMessage: 'Internal error' });
      const e = await rejection(new RestClient().post(chatUrl(id), { operationName: op }));
      expectFailure(e, 'http', 500, null);
      expect(e.message).to.contain('500').and.contain('Internal error');
    });

    it('rejects a 404 of the real server (unknown chat) as "http"', async () => {
      const e = await rejection(new RestClient().post(chatUrl(uniqueId('NOCHAT')), { operationName: 'SendMessage', text: 'x' }));
      expectFailure(e, 'http', 404, null);
      expect(e.message).to.contain('404').and.contain('Not found');
    });

    it('rejects a non-JSON error answer as "http" too', async () => {
      const e = await rejection(new RestClient({
        fetch: (async () => new Response('<html>Bad gateway</html>', { status: 502 })) as typeof fetch,
      }).post(chatUrl(id), { operationName: 'SendMessage', text: 'x' }));
      expectFailure(e, 'http', 502, null);
      expect(e.message).to.contain('502');
    });

    it('rejects an unreachable server as a "network" failure', async () => {
      const e = await rejection(new RestClient().post('http://127.0.0.1:9/x', { operationName: 'SendMessage', text: 'x' }));
      expectFailure(e, 'network', null, null);
    });

    it('rejects a fetch that throws as a "network" failure with its message', async () => {
      const e = await rejection(new RestClient({
        fetch: (async () => {
          throw new TypeError('Failed to fetch');
        }) as typeof fetch,
      }).get(CSRF_URL));
      expectFailure(e, 'network', null, null);
      expect(e.message).to.contain('Failed to fetch');
    });

    it('rejects an answer that is not JSON as "invalid"', async () => {
      const e = await rejection(new RestClient({ fetch: (async () => new Response('oops')) as typeof fetch })
        .post(chatUrl(id), { operationName: 'SendMessage', text: 'x' }));
      expectFailure(e, 'invalid', 200, null);
    });

    it('rejects JSON that is not a GWS result as "invalid"', async () => {
      for (const body of ['{"ok": true}', '[{"statusCode": 0}]', '{"statusCode": "0"}', 'null', '0']) {
        const e = await rejection(new RestClient({ fetch: (async () => new Response(body)) as typeof fetch }).get(CSRF_URL));
        expect(e.failure, body).to.equal('invalid');
      }
    });

    it('rejects a real non-GWS page of the server as "invalid"', async () => {
      const client = new RestClient();
      expectFailure(await rejection(client.get('/demo/spec-examples/chat-state.json')), 'invalid', 200, null);
      expectFailure(await rejection(client.get('/README.md')), 'invalid', 200, null);
    });
  });

  describe('ContactCenterId', () => {
    it('is sent when set', async () => {
      const client = new RestClient({ contactCenterId: 'tenant-42' });
      await client.post(chatUrl(id), { operationName: 'SendStartTypingNotification' });
      const ops = await received(id);
      expect(ops.map((o) => o.contactCenterId)).to.deep.equal(['tenant-42']);
    });

    it('is not sent when not set, or empty', async () => {
      await new RestClient().post(chatUrl(id), { operationName: 'SendStartTypingNotification' });
      await new RestClient({ contactCenterId: '' }).post(chatUrl(id), { operationName: 'SendStopTypingNotification' });
      const ops = await received(id);
      expect(ops.map((o) => o.contactCenterId)).to.deep.equal([null, null]);
    });
  });

  describe('CSRF', () => {
    describe('enforced by the server', () => {
      beforeEach(async () => {
        await rest('setCsrf', { enforced: true, rotate: true });
      });

      afterEach(async () => {
        await rest('setCsrf', { enforced: false });
      });

      it('on a 403, GETs csrfUrl, retries once with the token, and remembers it', async () => {
        const { fetch: spy, calls } = recordingFetch();
        const client = new RestClient({ csrfUrl: CSRF_URL, fetch: spy });
        const result = await client.post(chatUrl(id), { operationName: 'SendMessage', text: 'behind CSRF' });
        expect(result).to.deep.equal({ statusCode: 0 });
        expect(calls.map((c) => [c.method, c.url])).to.deep.equal([
          ['POST', chatUrl(id)], ['GET', CSRF_URL], ['POST', chatUrl(id)],
        ]);
        let ops = await received(id);
        expect(ops).to.have.length(2);
        expect(ops[0]!.csrf).to.equal(null);
        const token = ops[1]!.csrf;
        expect(token).to.be.a('string').and.not.equal('');
        // The token is not sent on GETs.
        expect(calls[1]!.headers).to.not.have.property('X-CSRF-TOKEN');
        expect(calls[2]!.headers['X-CSRF-TOKEN']).to.equal(token);

        // Remembered: the next operation carries it at once, without a 403 or a new GET.
        await client.post(chatUrl(id), { operationName: 'SendMessage', text: 'token remembered' });
        expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'GET', 'POST', 'POST']);
        ops = await received(id);
        expect(ops.map((o) => o.csrf)).to.deep.equal([null, token, token]);
        const log = await rest<Array<{ type: string; text?: string }>>('log', id);
        expect(log.filter((m) => m.type === 'Text').map((m) => m.text)).to.deep.equal(['behind CSRF', 'token remembered']);
      });

      it('gets a new token when the server rotates it', async () => {
        const { fetch: spy, calls } = recordingFetch();
        const client = new RestClient({ csrfUrl: CSRF_URL, fetch: spy });
        await client.post(chatUrl(id), { operationName: 'SendStartTypingNotification' });
        await rest('setCsrf', { enforced: true, rotate: true });
        await client.post(chatUrl(id), { operationName: 'SendStopTypingNotification' });
        expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'GET', 'POST', 'POST', 'GET', 'POST']);
        const tokens = (await received(id)).map((o) => o.csrf);
        expect(tokens).to.have.length(4);
        expect(tokens[2]).to.equal(tokens[1]);
        expect(tokens[3]).to.be.a('string').and.not.equal(tokens[2]);
      });

      it('without csrfUrl, reports the 403 as "http" and does not retry', async () => {
        const { fetch: spy, calls } = recordingFetch();
        const e = await rejection(new RestClient({ fetch: spy }).post(chatUrl(id), { operationName: 'SendStartTypingNotification' }));
        expectFailure(e, 'http', 403, null);
        expect(calls).to.have.length(1);
        expect(await received(id)).to.have.length(1);
      });
    });

    it('rejects as "csrf" when the retry after the refresh is refused again', async () => {
      const op = uniqueId('CsrfOp');
      await rest('failNext', op, { id, status: 403, statusCode: 403, statusMessage: 'Forbidden' }, 2);
      const { fetch: spy, calls } = recordingFetch();
      const e = await rejection(new RestClient({ csrfUrl: CSRF_URL, fetch: spy }).post(chatUrl(id), { operationName: op }));
      expectFailure(e, 'csrf', 403, null);
      expect(calls.map((c) => [c.method, c.url])).to.deep.equal([
        ['POST', chatUrl(id)], ['GET', CSRF_URL], ['POST', chatUrl(id)],
      ]);
      expect((await received(id)).map((o) => o.operationName)).to.deep.equal([op, op]);
    });

    it('retries once even when the refresh itself fails, reporting what the retry got', async () => {
      const answers = [new Response('', { status: 403 }), null, new Response('{"statusCode": 0}')];
      const methods: string[] = [];
      const client = new RestClient({
        csrfUrl: 'http://127.0.0.1:9/me',
        fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
          methods.push(init?.method ?? 'GET');
          const answer = answers.shift();
          if (!answer) throw new TypeError('Failed to fetch');
          return answer;
        }) as typeof fetch,
      });
      expect(await client.post(chatUrl(id), { operationName: 'SendMessage', text: 'x' })).to.deep.equal({ statusCode: 0 });
      expect(methods).to.deep.equal(['POST', 'GET', 'POST']);
    });

    it('does not retry other refusals', async () => {
      const op = uniqueId('NoRetryOp');
      await rest('failNext', op, { id, status: 401, statusCode: 401, statusMessage: 'Unauthorized' });
      const { fetch: spy, calls } = recordingFetch();
      const e = await rejection(new RestClient({ csrfUrl: CSRF_URL, fetch: spy }).post(chatUrl(id), { operationName: op }));
      expectFailure(e, 'http', 401, null);
      expect(calls).to.have.length(1);
    });
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('Mon, 30 Nov 2026 20:00:00 GMT');
  it('reads delay-seconds and HTTP dates, within 0.25 s .. 1 h', () => {
    expect(retryAfterMs('3', now)).to.equal(3000);
    expect(retryAfterMs(' 120 ', now)).to.equal(120_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 20:00:10 GMT', now)).to.equal(10_000);
    expect(retryAfterMs('0', now), 'no burst of retries').to.equal(250);
    expect(retryAfterMs('Mon, 30 Nov 2026 19:00:00 GMT', now), 'a date past').to.equal(250);
    expect(retryAfterMs('999999', now)).to.equal(3_600_000);
  });

  it('ignores what is neither (a negative or fractional number, words, nothing)', () => {
    for (const value of ['-1', '1.5', 'soon', '', null]) expect(retryAfterMs(value, now), String(value)).to.equal(null);
  });
});
