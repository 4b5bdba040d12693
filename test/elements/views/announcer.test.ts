// The announcer on a throwaway host with a hand-moved clock: what is spoken, when, and what never is.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  BURST_WINDOW, CLEAR_AFTER, MessageAnnouncer, SPOKEN_PER_BURST, spokenEntry,
} from '../../../src/elements/announcer.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import type { ChatMessage } from '../../../src/model/transcript.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { plain } from '../../support/gws.js';
import { entry } from './view-fixture.js';

/** Stands in for the session: `gws-message` events, live or read from the server's log. */
class FakeSource extends EventTarget {
  message(fields: Partial<ChatMessage>, live = true): void {
    this.dispatchEvent(new CustomEvent('gws-message', { detail: { message: entry(fields), live } }));
  }
}

const scheduler = new FakeScheduler();
let source = new FakeSource();

class AnnouncerHost extends LitElement {
  readonly announcer = new MessageAnnouncer(this, source, {
    region: () => this.renderRoot.querySelector<HTMLElement>('.announcer'),
    strings: () => DEFAULT_STRINGS,
    scheduler,
  });

  get region(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.announcer')!;
  }

  protected override render() {
    return html`<div class="announcer" role="status" aria-live="polite" aria-atomic="true"></div>`;
  }
}
customElements.define('test-announcer-host', AnnouncerHost);

/** Every announcement written into the region, each as its lines. */
function spoken(el: AnnouncerHost): string[][] {
  const said: string[][] = [];
  new MutationObserver((records) => {
    for (const r of records) if (r.addedNodes.length) said.push([...r.addedNodes].map((p) => plain(p.textContent)));
  }).observe(el.region, { childList: true });
  return said;
}

/** Lets the MutationObserver report. */
const observed = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  source = new FakeSource();
});
afterEach(() => fixtureCleanup());

describe('spokenEntry', () => {
  it('says "sender: text" for a message, and the log\'s own sentence for the other entries', () => {
    const s = DEFAULT_STRINGS;
    const say = (m: Partial<ChatMessage>) => plain(spokenEntry(entry(m), s));
    expect(say({ text: 'Hello' })).to.equal('Marat: Hello');
    expect(say({ text: 'Hi', from: null })).to.equal('System: Hi');
    expect(say({ type: 'ParticipantJoined' })).to.equal('Marat joined the chat');
    expect(say({ type: 'ParticipantLeft' })).to.equal('Marat left the chat');
    expect(say({ type: 'PushUrl', url: 'https://example.com/a' })).to.equal('Marat shared a link: https://example.com/a');
    expect(say({ type: 'Notice', text: 'Chat is being recorded', from: null })).to.equal('Chat is being recorded');
    expect(say({ type: 'NicknameUpdated', text: '' })).to.equal('Marat changed their name');
    expect(spokenEntry(entry({ type: 'Notice', text: '' }), s)).to.equal(null);
    // A very long message is spoken shortened; the log keeps it all.
    expect([...plain(spokenEntry(entry({ text: 'x'.repeat(5000) }), s))].length).to.be.lessThan(520);
  });

  it('keeps the name a bidi isolate, so a right-to-left nickname cannot reorder the sentence', () => {
    expect(spokenEntry(entry({ text: 'hi', from: { participantId: 'P', nickname: 'مراد', type: 'Agent' } }), DEFAULT_STRINGS))
      .to.equal('\u2068مراد\u2069: hi');
  });
});

describe('MessageAnnouncer', () => {
  it('speaks a new message once, after the burst window, in the polite region', async () => {
    const el = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    const said = spoken(el);
    source.message({ text: 'Hello' });
    await observed();
    expect(said).to.deep.equal([]);
    scheduler.advance(BURST_WINDOW);
    await observed();
    expect(said).to.deep.equal([['Marat: Hello']]);
  });

  it('speaks a burst in one announcement, and the same words twice as two announcements', async () => {
    const el = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    const said = spoken(el);
    for (let i = 1; i <= 10; i++) source.message({ text: `m${i}` });
    scheduler.advance(BURST_WINDOW);
    source.message({ text: 'ok' });
    scheduler.advance(BURST_WINDOW);
    await observed();
    source.message({ text: 'ok' });
    scheduler.advance(BURST_WINDOW);
    await observed();
    expect(said).to.deep.equal([
      ['Marat: m1', 'Marat: m2', 'Marat: m3', 'And 7 more messages.'],
      ['Marat: ok'],
      ['Marat: ok'],
    ]);
  });

  it('caps a burst: the first few in full, then how many more (one more: singular)', async () => {
    const el = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    const said = spoken(el);
    for (let i = 1; i <= SPOKEN_PER_BURST + 1; i++) source.message({ text: `m${i}` });
    scheduler.advance(BURST_WINDOW);
    await observed();
    // An entry that says nothing (an empty notice) is not counted.
    source.message({ type: 'Notice', text: '', from: null });
    for (let i = 1; i <= 5000; i++) source.message({ text: `n${i}` });
    scheduler.advance(BURST_WINDOW);
    await observed();
    expect(said).to.deep.equal([
      [...Array.from({ length: SPOKEN_PER_BURST }, (_, i) => `Marat: m${i + 1}`), 'And 1 more message.'],
      [...Array.from({ length: SPOKEN_PER_BURST }, (_, i) => `Marat: n${i + 1}`), `And ${(5000 - SPOKEN_PER_BURST).toLocaleString('en')} more messages.`],
    ]);
  });

  it('a steady stream cannot hold an announcement back: at most one burst window', async () => {
    const el = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    const said = spoken(el);
    source.message({ text: 'a' });
    scheduler.advance(BURST_WINDOW - 50);
    source.message({ text: 'b' });
    scheduler.advance(50);
    await observed();
    expect(said).to.deep.equal([['Marat: a', 'Marat: b']]);
  });

  it('never speaks the customer\'s own messages, history merged during a catch-up, or what came before the first render', async () => {
    const el = document.createElement('test-announcer-host') as AnnouncerHost;
    document.body.append(el);
    try {
      // Connected, not rendered yet: restored or early entries are old news.
      source.message({ text: 'before the first render' });
      await el.updateComplete;
      const said = spoken(el);
      source.message({ text: 'mine', own: true });
      for (let i = 0; i < 50; i++) source.message({ text: `old ${i}` }, false);
      scheduler.advance(BURST_WINDOW);
      await observed();
      expect(said).to.deep.equal([]);
      source.message({ type: 'ParticipantJoined' });
      scheduler.advance(BURST_WINDOW);
      await observed();
      expect(said).to.deep.equal([['Marat joined the chat']]);
    } finally {
      el.remove();
    }
  });

  it('clears the region after a while, and stops listening when the element leaves the page', async () => {
    const el = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    source.message({ text: 'Hello' });
    scheduler.advance(BURST_WINDOW);
    expect(plain(el.region.textContent)).to.equal('Marat: Hello');
    scheduler.advance(CLEAR_AFTER);
    expect(el.region.children.length).to.equal(0);
    source.message({ text: 'queued' });
    el.remove();
    expect(scheduler.pending, 'timers left behind').to.equal(0);
    source.message({ text: 'after removal' });
    scheduler.advance(BURST_WINDOW);
    expect(el.region.children.length).to.equal(0);
  });
});
