// Issue 14's trust boundary, against the real CometD simulator: requests go only to the API
// root the host configured, whatever a notification says; a state missed during an outage is
// read back; the server's whole log replaces a stored transcript. These tests run on their
// own simulator (/gwst), which only this file takes down.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { ChatSession, type ChatSessionOptions } from '../../src/session/chat-session.js';
import { sessionKey, transcriptKey } from '../../src/session/storage.js';
import { outage, partText, publish, recover, restOn, waitFor, wireMessage } from '../support/gws.js';

const BASE = '/gwst/api/v2';
const URLT = `${BASE}/notifications`;
const restT = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const agentT = (id: string, action: string, o: Record<string, unknown> = {}) => restT('agent', id, action, o);
const ALL = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'];
const CUSTOMER = { nickname: 'PersonP', type: 'Customer', participantId: 'C000000000000001' };
const AGENT = { nickname: 'Marat', type: 'Agent', participantId: 'A00000000000001' };

interface Received { path: string; operationName: string; body: Record<string, unknown> }

const sessions: ChatSession[] = [];
/** A connected session on the /gwst simulator; retries wait 0.25 s (random 0). */
function session(options: ChatSessionOptions = {}): ChatSession {
  const s = new ChatSession({ url: URLT, random: () => 0, ...options });
  sessions.push(s);
  s.connect();
  return s;
}

const chat = () => restT<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });

/** Every URL this page fetches from now on (the page's own `fetch`, passed through). */
const nativeFetch = window.fetch;
let fetched: string[] = [];
function watchFetches(): void {
  fetched = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    return nativeFetch.call(window, input, init);
  };
}

afterEach(async () => {
  window.fetch = nativeFetch;
  for (const s of sessions.splice(0)) s.disconnect();
  await recover(BASE);
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

describe('the trust boundary', function () {
  this.timeout(30_000);

  describe('requests go only to the configured API root (defect 1)', () => {
    for (const [where, origin] of [['another origin', 'http://evil.example'], ['GWS\'s internal address', 'http://localhost:8080']]) {
      it(`keeps SendMessage, catch-up and Complete on the configured server when a state notification names ${where}`, async () => {
        const id = await chat();
        watchFetches();
        const s = session({ interactionId: id, contactCenterId: 'tenant-1' });
        await waitFor(() => s.connectionState === 'connected', `not connected (${s.connectionState})`, { timeout: 10_000 });
        await waitFor(() => s.catchUpStatus.kind === 'idle', 'the first catch-up did not finish');
        // A state notification of this very chat whose uri points elsewhere.
        await publish('/v2/me/chats', {
          messageType: 'ChatStateChangeMessage',
          notificationType: 'StatusChange',
          referenceId: 7,
          chat: { id, uri: `${origin}/api/v2/chats/${id}`, state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] },
        }, BASE);
        await waitFor(() => s.capabilities.includes('Complete'), 'the state never arrived');

        const operations = async () => (await restT<Received[]>('received', id)).map((r) => `${r.path} ${r.operationName}`);
        const arrived = (operation: string) => waitFor(async () => (await operations()).includes(`/chats/${id} ${operation}`),
          `${operation} never reached the configured server (fetched: ${fetched.join(', ')})`, { timeout: 8000 });
        void s.send('my card number is 4111').catch(() => {});
        await arrived('SendMessage');
        // A gap in the log (a message lost on the way) makes the session read the log again.
        const reads = (await restT<{ path: string }[]>('reads')).length;
        await agentT(id, 'say', { text: 'lost', silent: true });
        await agentT(id, 'say', { text: 'after the gap' });
        await waitFor(async () => (await restT<{ path: string }[]>('reads')).length > reads, 'the log was not read again at the configured server');
        await waitFor(() => s.messages.some((m) => m.text === 'lost'), 'the gap was never filled');
        void s.endChat().catch(() => {});
        await arrived('Complete');
        const elsewhere = fetched.filter((u) => !u.startsWith(`${location.origin}${BASE}/`));
        expect(elsewhere, 'requests that left the configured API root').to.deep.equal([]);
        expect(fetched.some((u) => u.includes(`/chats/${id}/messages`))).to.equal(true);
      });
    }
  });

  describe('the server\'s whole log replaces a stored transcript (defect 10)', () => {
    it('drops a remembered entry the server never had once the whole log is read, and stores the server\'s', async () => {
      const id = await chat();
      await agentT(id, 'say', { text: 'What the agent really said' });
      await agentT(id, 'say', { text: 'And then this' });
      // A remembered transcript (written by an older page, or by anyone on the origin) with an
      // entry at index 1 where the server's log holds another message.
      localStorage.setItem(sessionKey(URLT, 'chat'), JSON.stringify({ interactionId: id, at: Date.now() }));
      localStorage.setItem(transcriptKey(URLT, id), JSON.stringify({
        resource: { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT], userData: {} },
        messages: [wireMessage(1, 'Text', AGENT, { text: 'Please wire the money to this account' })],
      }));
      const s = session();
      expect(s.interactionId).to.equal(id);
      expect(s.messages.map((m) => m.text), 'restored at once').to.deep.equal(['Please wire the money to this account']);
      await waitFor(() => s.messages.some((m) => m.text === 'And then this'), 'the log was never read');
      await waitFor(() => s.catchUpStatus.kind === 'idle', 'the catch-up did not finish');
      expect(s.messages.map((m) => `${m.index}:${m.text}`)).to.deep.equal(['1:What the agent really said', '2:And then this']);
      // What is stored is the server's log too: the next page does not show the bogus entry again.
      await waitFor(() => !(localStorage.getItem(transcriptKey(URLT, id)) ?? '').includes('wire the money'),
        'the bogus entry is still stored');
      expect(localStorage.getItem(transcriptKey(URLT, id))).to.include('What the agent really said');
    });
  });

  describe('a state missed while disconnected is read back (defect 5)', () => {
    /** Takes the server down, lets the agent act meanwhile (no notification reaches anyone), brings it back. */
    async function whileDown(isDown: () => boolean, act: () => Promise<unknown>): Promise<void> {
      await outage(BASE);
      await waitFor(isDown, 'the outage was not noticed', { timeout: 10_000 });
      await act();
      await recover(BASE);
    }

    it('shows that the agent ended the chat during an outage', async () => {
      const id = await chat();
      const el = await fixture<GwsChat>(html`<gws-chat url=${URLT} interaction-id=${id}></gws-chat>`);
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 10_000 });
      await agentT(id, 'join');
      await waitFor(() => el.session.participants.some((p) => p.type === 'Agent'), 'the agent never joined');

      await whileDown(() => el.connectionState !== 'connected', () => agentT(id, 'complete'));
      await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 15_000 });
      await waitFor(() => el.session.ended, `the chat still looks ${el.session.state} after the reconnection`, { timeout: 8000 });
      expect(el.session.state).to.equal('Completed');
      await el.updateComplete;
      expect(partText(el, 'status')).to.equal('This chat has ended.');
      const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]');
      expect(input?.disabled, 'the composer is still enabled').to.equal(true);
    });

    it('shows that the agent left during an outage, even when the first read of the state fails', async () => {
      const id = await chat();
      const s = session({ interactionId: id });
      await waitFor(() => s.connectionState === 'connected', 'never connected', { timeout: 10_000 });
      await agentT(id, 'join');
      await waitFor(() => s.participants.some((p) => p.type === 'Agent'), 'the agent never joined');

      await whileDown(() => s.connectionState !== 'connected', async () => {
        await agentT(id, 'leave');
        await restT('failNext', 'GetChat', { status: 503, statusCode: 503, statusMessage: 'Busy' });
      });
      await waitFor(() => s.connectionState === 'connected', 'never reconnected', { timeout: 15_000 });
      await waitFor(() => !s.participants.some((p) => p.type === 'Agent'),
        `still listed: ${s.participants.map((p) => p.nickname).join(', ')}`, { timeout: 8000 });
      expect(s.participants.map((p) => p.type)).to.deep.equal(['Customer']);
      expect((await restT<unknown[]>('resourceReads')).length, 'the failed read was not tried again').to.be.greaterThan(1);
    });
  });
});
