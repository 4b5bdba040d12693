import { expect } from '@open-wc/testing';
import { InteractionModel, type InteractionChange } from '../../src/model/interaction.js';
import { CHAT, FACEBOOK_SESSION, type MediumDescriptor } from '../../src/protocol/medium.js';
import { concernsInteraction, interactionIdOf, parseMessages, parseNotification } from '../../src/protocol/parse.js';
import type { ParseResult, Participant, WireMessage } from '../../src/protocol/types.js';
import {
  NotificationFuzzer, POLLUTION_KEYS, clone, defineOwn, fingerprint,
} from './notification-fuzzer.js';
import { FakeScheduler } from '../support/fake-scheduler.js';

type Json = Record<string, any>;

const EXAMPLES = ['chat-log', 'chat-state', 'fb-log', 'fb-state'] as const;
type ExampleName = (typeof EXAMPLES)[number];

async function loadExamples(): Promise<Record<ExampleName, { data: Json }>> {
  const out = {} as Record<ExampleName, { data: Json }>;
  for (const name of EXAMPLES) {
    const response = await fetch(`/demo/spec-examples/${name}.json`);
    if (!response.ok) throw new Error(`could not load ${name}: ${response.status}`);
    out[name] = (await response.json()) as { data: Json };
  }
  return out;
}


const LOG_TYPES = new Set(['Text', 'ParticipantJoined', 'ParticipantLeft', 'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl']);
const keyOf = (p: Participant) => (p.participantId ? `id:${p.participantId}` : `nick:${p.nickname}`);

/** The fields that make two messages "the same message" (an exact replay). */
const signature = (m: { index: number; type: string; text: string; url: string; time: number | null; from: Participant | null }) =>
  JSON.stringify([m.index, m.type, m.text, m.url, m.time, m.from?.participantId ?? null, m.from?.nickname ?? null, m.from?.type ?? null]);

const isPlainRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** What is wrong with a parse result's shape, or null. */
function resultProblem(r: ParseResult): string | null {
  if (!isPlainRecord(r)) return 'the result is not a plain object';
  if (r.ok === false) {
    if (typeof r.reason !== 'string' || r.reason.trim() === '') return 'a rejection without a reason';
    if (r.reason.length > 500) return `a rejection reason of ${r.reason.length} characters (echoes the input?)`;
    return null;
  }
  if ((r as { ok: unknown }).ok !== true) return `ok is ${String((r as { ok: unknown }).ok)}`;
  if (!Array.isArray(r.rejected)) return 'rejected is not an array';
  for (const rej of r.rejected) {
    if (typeof rej.reason !== 'string' || rej.reason.trim() === '') return 'a message rejection without a reason';
    if (rej.reason.length > 500) return `a message rejection reason of ${rej.reason.length} characters`;
  }
  const n = r.notification;
  if (!isPlainRecord(n)) return 'the notification is not a plain object';
  if (n.kind === 'log') {
    if (typeof n.resourceUri !== 'string' || n.resourceUri === '') return 'a log without resourceUri';
    for (const m of n.messages) {
      if (!isPlainRecord(m)) return 'a message is not a plain object';
      if (!Number.isSafeInteger(m.index) || m.index < 0) return `a message index ${String(m.index)}`;
      if (typeof m.type !== 'string' || m.type === '') return 'a message without type';
      if (typeof m.text !== 'string' || m.text.length > 65_536) return 'a bad message text';
      if (typeof m.url !== 'string' || typeof m.visibility !== 'string') return 'a bad url or visibility';
      if (m.time !== null && !(Number.isFinite(m.time) && Math.abs(m.time) <= 8.64e15)) return `a bad time ${String(m.time)}`;
      if (m.from !== null && !(isPlainRecord(m.from) && typeof m.from.nickname === 'string'
        && typeof m.from.participantId === 'string' && typeof m.from.type === 'string')) return 'a bad sender';
    }
    return null;
  }
  if (n.kind === 'state') {
    const res = n.resource;
    if (!isPlainRecord(res) || typeof res.id !== 'string') return 'a state without a resource id';
    if (typeof n.notificationType !== 'string') return 'a state without notificationType';
    if (res.userData !== undefined) {
      if (!isPlainRecord(res.userData)) return 'userData is not a plain object';
      for (const k of POLLUTION_KEYS) if (Object.prototype.hasOwnProperty.call(res.userData, k)) return `userData kept ${k}`;
    }
    if (res.capabilities !== undefined && !res.capabilities.every((c) => typeof c === 'string')) return 'a non-string capability';
    if (res.participants !== undefined && !res.participants.every((p) => isPlainRecord(p))) return 'a bad participant';
    return null;
  }
  return `an unknown notification kind ${String((n as Json)['kind'])}`;
}

/** One medium's model fed with everything its parser accepts, and what it was fed. */
class Harness {
  readonly scheduler = new FakeScheduler();
  readonly changes: InteractionChange[] = [];
  readonly model: InteractionModel;
  /** Signatures of the customer-visible log messages fed. */
  readonly visible = new Set<string>();
  /** Customer-visible log messages fed (replays included). */
  visibleFed = 0;
  /** Participants a visible TypingStarted came from. */
  readonly typingStarters = new Set<string>();
  ok = 0;
  failed = 0;
  unsupported = 0;
  rejectedMessages = 0;

  constructor(readonly medium: MediumDescriptor) {
    this.model = new InteractionModel((c) => this.changes.push(c), 1000, this.scheduler);
  }

  feed(raw: unknown, problem: (where: string, what: string) => void): void {
    const step = <T>(where: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (e) {
        problem(`${this.medium.name} ${where}`, `threw ${String(e)}`);
        return undefined;
      }
    };
    step('concernsInteraction', () => concernsInteraction(raw, this.medium, '0000Wa9CAM6W00J'));
    const r = step('parseNotification', () => parseNotification(raw, this.medium));
    if (!r) return;
    const shape = resultProblem(r);
    if (shape) problem(`${this.medium.name} parseNotification`, shape);
    if (!r.ok) {
      if (r.unsupported) this.unsupported++;
      else this.failed++;
      return;
    }
    this.ok++;
    this.rejectedMessages += r.rejected.length;
    step('interactionIdOf', () => interactionIdOf(r.notification));
    if (r.notification.kind === 'log') {
      for (const m of r.notification.messages) this.#account(m);
    }
    step('apply', () => this.model.apply(r.notification));
    this.scheduler.advance(1);
  }

  #account(m: WireMessage): void {
    if (m.visibility !== 'All') return;
    if (LOG_TYPES.has(m.type)) {
      this.visible.add(signature(m));
      this.visibleFed++;
    }
    if (m.type === 'TypingStarted' && m.from) this.typingStarters.add(keyOf(m.from));
  }

  /** What is wrong with the model now, or null. */
  invariantProblem(): string | null {
    const entries = this.model.transcript.entries;
    const seen = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (i > 0 && entries[i - 1]!.index > e.index) return `entries out of order at ${i}: ${entries[i - 1]!.index} > ${e.index}`;
      if (!LOG_TYPES.has(e.type)) return `an entry of type ${e.type}`;
      const sig = signature(e);
      if (!this.visible.has(sig)) return `an entry that was never fed as visible (All): ${sig.slice(0, 200)}`;
      if (seen.has(sig)) return `a duplicate entry: ${sig.slice(0, 200)}`;
      seen.add(sig);
    }
    // Bounded, and nothing visible lost: exactly one entry per distinct visible message fed.
    if (entries.length > this.visibleFed) return `${entries.length} entries from ${this.visibleFed} visible messages`;
    if (entries.length !== this.visible.size) return `${entries.length} entries for ${this.visible.size} distinct visible messages`;
    const announced = this.changes.filter((c) => c.kind === 'message').length;
    if (announced !== entries.length) return `${announced} message changes for ${entries.length} entries`;
    for (const p of this.model.typing.typing) {
      if (!this.typingStarters.has(keyOf(p))) return `typing shown for ${keyOf(p)}, who never visibly started`;
      if (['customer', 'client'].includes(p.type.toLowerCase())) return 'the customer shown as typing';
    }
    return null;
  }
}

const prototypeSnapshot = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  objectProto: Object.getPrototypeOf(Object.prototype) as unknown,
});

function expectPrototypesClean(before: ReturnType<typeof prototypeSnapshot>): void {
  expect(prototypeSnapshot()).to.deep.equal(before);
  const probe: Json = {};
  for (const key of ['polluted', 'index', 'type', 'visibility', 'text', 'isAdmin']) {
    expect(probe[key], `Object.prototype.${key}`).to.equal(undefined);
    expect(([] as unknown as Json)[key], `Array.prototype.${key}`).to.equal(undefined);
  }
}

describe('protocol fuzzing: parseNotification and InteractionModel', function () {
  this.timeout(60_000);
  const SEED = 0x6b5_2026;
  const MUTATED = 10_000;
  let examples: Record<ExampleName, { data: Json }>;
  let pristine: ReturnType<typeof prototypeSnapshot>;

  before(async () => {
    examples = await loadExamples();
    pristine = prototypeSnapshot();
  });

  it('the generator is deterministic: the same seed gives the same notifications, another seed others', () => {
    const bases = EXAMPLES.map((n) => examples[n]);
    const run = (seed: number) => {
      const fuzzer = new NotificationFuzzer({ seed, bases });
      return Array.from({ length: 300 }, () => fingerprint(fuzzer.next())).join(',');
    };
    expect(run(SEED)).to.equal(run(SEED));
    expect(run(SEED)).not.to.equal(run(SEED + 1));
  });

  it(`${MUTATED} mutated notifications: nothing throws, every result is well-formed, the transcript stays sane`, () => {
    const bases = EXAMPLES.map((n) => examples[n]);
    const fuzzer = new NotificationFuzzer({ seed: SEED, bases, otherIds: ['0000OTHER00001', '0000Wa9CAM6W00JX', '0000wa9cam6w00j'] });
    const harnesses = [new Harness(CHAT), new Harness(FACEBOOK_SESSION)];
    const problems: string[] = [];
    let current = 0;
    const problem = (where: string, what: string) => {
      if (problems.length < 20) problems.push(`#${current} ${where}: ${what}`);
    };
    let mutated = 0;
    let total = 0;
    let slowest = { ms: 0, at: -1 };
    const started = performance.now();
    while (mutated < MUTATED) {
      current = total++;
      const raw = fuzzer.next();
      if (fuzzer.lastMutationCount > 0) mutated++;
      const t0 = performance.now();
      for (const h of harnesses) h.feed(raw, problem);
      // The catch-up path parses bare message lists the same way.
      try {
        const data = typeof raw === 'object' && raw !== null ? (raw as Json)['data'] : undefined;
        const list = typeof data === 'object' && data !== null ? (data as Json)['messages'] : data;
        const r = parseMessages(list);
        if (!r.ok && (typeof r.reason !== 'string' || !r.reason)) problem('parseMessages', 'a rejection without a reason');
      } catch (e) {
        problem('parseMessages', `threw ${String(e)}`);
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, at: current };
      if (ms > 1000) break; // a pathological (superlinear) case: fail now rather than crawl on
      if (total % 500 === 0) {
        for (const h of harnesses) {
          const bad = h.invariantProblem();
          if (bad) problem(`${h.medium.name} model`, bad);
        }
      }
    }
    const elapsed = performance.now() - started;
    for (const h of harnesses) {
      const bad = h.invariantProblem();
      if (bad) problem(`${h.medium.name} model`, bad);
      // Every typing indicator times out; nothing throws on the way.
      try {
        h.scheduler.advance(60_000);
      } catch (e) {
        problem(`${h.medium.name} timers`, `threw ${String(e)}`);
      }
      expect(h.model.typing.typing, `${h.medium.name} typing after the timeout`).to.deep.equal([]);
    }
    expect(problems).to.deep.equal([]);

    // The run was bounded in time: no single notification took long (a backtracking regex would).
    expect(slowest.ms, `slowest notification #${slowest.at}`).to.be.below(1000);
    expect(elapsed).to.be.below(45_000);

    // The fuzz meant something: every mutation ran, and both media accepted, rejected and ignored input.
    for (const [kind, count] of fuzzer.counts) expect(count, `mutation ${kind}`).to.be.above(20);
    expect(fuzzer.counts.size).to.equal(20);
    for (const h of harnesses) {
      expect(h.ok, `${h.medium.name} accepted`).to.be.above(500);
      expect(h.failed, `${h.medium.name} rejected`).to.be.above(1000);
      expect(h.unsupported, `${h.medium.name} unsupported`).to.be.above(100);
      expect(h.rejectedMessages, `${h.medium.name} messages rejected alone`).to.be.above(100);
      expect(h.model.transcript.entries.length, `${h.medium.name} entries`).to.be.above(50);
      expect(h.visibleFed).to.be.above(h.visible.size);
      expect(h.changes.some((c) => c.kind === 'typing')).to.equal(true);
      expect(h.changes.some((c) => c.kind === 'state')).to.equal(true);
    }
    expectPrototypesClean(pristine);
  });

  it('a __proto__, constructor or prototype key at any level changes nothing, for both media', () => {
    let variants = 0;
    for (const name of EXAMPLES) {
      for (const medium of [CHAT, FACEBOOK_SESSION]) {
        const expected = parseNotification(clone(examples[name]), medium);
        // Walk every container of the example (by path, so each variant starts from a fresh copy).
        const paths: (string | number)[][] = [];
        const stack: [unknown, (string | number)[]][] = [[examples[name], []]];
        while (stack.length > 0) {
          const [node, path] = stack.pop()!;
          if (typeof node !== 'object' || node === null) continue;
          paths.push(path);
          for (const [k, v] of Object.entries(node)) stack.push([v, [...path, Array.isArray(node) ? Number(k) : k]]);
        }
        expect(paths.length).to.be.at.least(5);
        for (const path of paths) {
          for (const key of POLLUTION_KEYS) {
            for (const value of [{ polluted: 'yes' }, JSON.parse('{"__proto__": {"polluted": "yes"}}'), 'yes', null]) {
              const copy = clone(examples[name]) as unknown;
              let node = copy as Json;
              for (const step of path) node = node[step] as Json;
              defineOwn(node, key, value);
              const model = new InteractionModel(() => {}, 1000, new FakeScheduler());
              const r = parseNotification(copy, medium);
              const where = `${name} ${medium.name} ${key} at /${path.join('/')}`;
              // JSON can give such keys only to objects; on an array (not JSON) the result need only be well-formed.
              if (Array.isArray(node)) expect(resultProblem(r), where).to.equal(null);
              else expect(r, where).to.deep.equal(expected);
              if (r.ok) model.apply(r.notification);
              variants++;
            }
          }
        }
      }
    }
    expect(variants).to.be.above(500);
    expectPrototypesClean(pristine);
  });

  it('fields inherited through the prototype chain are never read', () => {
    const message = examples['chat-log'].data['messages'][0];
    const inheritedMessage = clone(examples['chat-log']);
    inheritedMessage.data['messages'] = [Object.create(clone(message)), clone(message)];
    const r = parseNotification(inheritedMessage, CHAT);
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.rejected).to.have.length(1);
      expect(r.notification.kind === 'log' && r.notification.messages.length).to.equal(1);
    }
    const inheritedData = { data: Object.create(clone(examples['chat-log'].data)) };
    expect(parseNotification(inheritedData, CHAT)).to.deep.include({ ok: false });
    expect(concernsInteraction(inheritedData, CHAT, '0000Wa9CAM6W00FN')).to.equal(undefined);
    const inheritedResource = clone(examples['chat-state']);
    inheritedResource.data['chat'] = Object.create(inheritedResource.data['chat']);
    expect(parseNotification(inheritedResource, CHAT)).to.deep.include({ ok: false });
  });

  it('path-like and punctuation-heavy strings of 100k characters are handled in linear time', () => {
    const slashes = `http://localhost:8080/api/v2/chats/0000Wa9CAM6W00FN${'/'.repeat(200_000)}x`;
    const data = { ...clone(examples['chat-log'].data), chatUri: slashes, chatPath: slashes };
    const t0 = performance.now();
    expect(concernsInteraction({ data }, CHAT, '0000Wa9CAM6W00FN')).to.equal(false);
    expect(parseNotification({ data }, CHAT).ok).to.equal(false);
    const stateData = clone(examples['chat-state'].data);
    stateData['chat'] = { ...stateData['chat'], id: slashes, uri: slashes };
    expect(concernsInteraction({ data: stateData }, CHAT, 'x')).to.equal(true);
    expect(performance.now() - t0).to.be.below(500);
  });

  it('after the fuzz, the four untouched spec examples still parse and apply correctly', async () => {
    expectPrototypesClean(pristine);
    const fresh = await loadExamples();
    // The generator never modified its bases.
    expect(examples).to.deep.equal(fresh);

    const chatChanges: InteractionChange[] = [];
    const chat = new InteractionModel((c) => chatChanges.push(c), 1000, new FakeScheduler());
    const chatState = parseNotification(fresh['chat-state'], CHAT);
    const chatLog = parseNotification(fresh['chat-log'], CHAT);
    expect(chatState.ok && chatLog.ok).to.equal(true);
    if (!chatState.ok || !chatLog.ok) return;
    expect(chatState.rejected).to.deep.equal([]);
    expect(chatLog.rejected).to.deep.equal([]);
    expect(interactionIdOf(chatState.notification)).to.equal('0000Wa9CAM6W00J');
    expect(interactionIdOf(chatLog.notification)).to.equal('0000Wa9CAM6W00FN');
    chat.apply(chatState.notification);
    chat.apply(chatLog.notification);
    expect(chat.state).to.equal('Chatting');
    expect(chat.participants.map((p) => p.nickname)).to.deep.equal(['test_consult_clientL', 'TestName']);
    expect(chat.capabilities).to.have.length(13);
    expect(chat.userData).to.deep.equal({ key1: 'value1', key2: 'value2' });
    expect(chat.transcript.entries.map((e) => [e.index, e.text, e.time])).to.deep.equal([
      [3, 'How may I help you?', 1389261492035],
      [3, 'Are you still there?', 1389261492047],
    ]);
    expect(chatChanges.map((c) => c.kind)).to.deep.equal(['state', 'participants', 'capabilities', 'properties', 'message', 'message']);

    const fb = new InteractionModel(() => {}, 1000, new FakeScheduler());
    const fbState = parseNotification(fresh['fb-state'], FACEBOOK_SESSION);
    const fbLog = parseNotification(fresh['fb-log'], FACEBOOK_SESSION);
    expect(fbState.ok && fbLog.ok).to.equal(true);
    if (!fbState.ok || !fbLog.ok) return;
    expect(fbLog.rejected).to.deep.equal([]);
    expect(interactionIdOf(fbState.notification)).to.equal('0000Na9B26EF002X');
    expect(interactionIdOf(fbLog.notification)).to.equal('0000Na9B26EF002X');
    fb.apply(fbState.notification);
    fb.apply(fbLog.notification);
    expect(fb.state).to.equal('Chatting');
    expect(fb.transcript.entries.map((e) => [e.index, e.type])).to.deep.equal([
      [1, 'ParticipantJoined'], [2, 'ParticipantJoined'], [3, 'ParticipantLeft'], [5, 'Text'], [6, 'ParticipantJoined'],
    ]);
    expect(fb.transcript.entries[3]!.own).to.equal(true);

    // Each medium ignores the other's state notifications and rejects the other's logs.
    expect(parseNotification(fresh['fb-state'], CHAT)).to.deep.include({ ok: false, unsupported: true });
    expect(parseNotification(fresh['chat-state'], FACEBOOK_SESSION)).to.deep.include({ ok: false, unsupported: true });
    expect(parseNotification(fresh['fb-log'], CHAT).ok).to.equal(false);
    expect(parseNotification(fresh['chat-log'], FACEBOOK_SESSION).ok).to.equal(false);
  });
});
