// The log renderer against a real transcript under random edits: after every render the
// log shows exactly the transcript's entries, in its order, each element once; texts that
// change meanwhile reach every entry (the newest at once, the others in later tasks).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LogRenderer } from '../../../src/elements/log-renderer.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import { Transcript } from '../../../src/model/transcript.js';
import type { WireMessage } from '../../../src/protocol/types.js';

class FuzzLogHost extends LitElement {
  readonly transcript = new Transcript();
  strings = DEFAULT_STRINGS;
  readonly log = new LogRenderer(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.entries'),
    transcript: () => this.transcript,
    strings: () => this.strings,
    locale: () => 'en-US',
  });

  protected override render() {
    return html`<div class="entries"></div>`;
  }
}
customElements.define('test-fuzz-log-host', FuzzLogHost);

afterEach(() => fixtureCleanup());

const agent = { participantId: 'A1', nickname: 'Marat', type: 'Agent' };
const customer = { participantId: 'C1', nickname: 'Pat', type: 'Customer' };
let n = 0;
/** Every other message is the customer's own: its sender is a text of the strings (`you`). */
const wire = (index: number): WireMessage => ({
  index, type: 'Text', from: ++n % 2 ? agent : customer, text: `t${n}`, url: '', visibility: 'All', time: Date.UTC(2024, 0, 1, 12, 34),
});

/** A small deterministic random source. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('LogRenderer under random edits', () => {
  it('shows the transcript exactly after each render', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const el = await fixture<FuzzLogHost>(html`<test-fuzz-log-host></test-fuzz-log-host>`);
      const rnd = random(seed);
      const log: WireMessage[] = [];
      for (let step = 0; step < 40; step++) {
        const r = rnd();
        const top = el.transcript.highestIndex;
        if (r < 0.08) {
          // New texts.
          el.strings = { ...DEFAULT_STRINGS, you: `You ${seed}.${step}` };
        } else if (r < 0.35) {
          // Appends, sometimes many.
          const count = 1 + Math.floor(rnd() * (rnd() < 0.3 ? 400 : 5));
          const batch = Array.from({ length: count }, (_, i) => wire(top + 1 + i));
          log.push(...batch);
          el.transcript.add(batch);
        } else if (r < 0.6) {
          // Late messages with lower indices, in a run or scattered.
          const count = 1 + Math.floor(rnd() * (rnd() < 0.3 ? 400 : 5));
          const batch = Array.from({ length: count }, () => wire(Math.floor(rnd() * (top + 2))));
          log.push(...batch);
          el.transcript.add(batch);
        } else if (r < 0.75) {
          // A replay of some (dropped).
          el.transcript.add(log.filter(() => rnd() < 0.2));
        } else if (r < 0.92) {
          // The server's whole log proves some wrong.
          const truth = log.filter(() => rnd() < 0.8);
          log.length = 0;
          log.push(...truth);
          el.transcript.retainOnly(truth, el.transcript.arrivals);
        } else {
          log.length = 0;
          el.transcript.clear();
        }
        // Sometimes two edits before one render.
        if (rnd() < 0.3) continue;
        el.requestUpdate();
        await el.updateComplete;
        const shown = [...el.renderRoot.querySelectorAll('.body')].map((b) => b.textContent);
        expect(shown, `seed ${seed}, step ${step}`).to.deep.equal(el.transcript.entries.map((m) => m.text));
        const chunks = [...el.renderRoot.querySelectorAll('.chunk')];
        expect(chunks.every((c) => c.children.length > 0), `seed ${seed}, step ${step}: an empty chunk`).to.equal(true);
        for (let i = 0; i < el.transcript.entries.length; i += 7) {
          expect(el.log.element(i)?.querySelector('.body')?.textContent, `element(${i})`).to.equal(el.transcript.entries[i]!.text);
        }
        const own = [...el.renderRoot.querySelectorAll('.own .sender')].map((e) => e.textContent);
        if (own.length) expect(own.at(-1), `seed ${seed}, step ${step}: the newest entry's texts`).to.equal(el.strings.you);
      }
      el.requestUpdate(); // the last edits, if not rendered yet
      await el.updateComplete;
      const you = el.strings.you;
      const own = () => [...el.renderRoot.querySelectorAll('.own .sender')].map((e) => e.textContent);
      await waitUntil(() => own().every((t) => t === you), `seed ${seed}: every entry built with the last texts`, { timeout: 5000 });
      expect(own().length, `seed ${seed}: own entries`).to.equal(el.transcript.entries.filter((m) => m.own).length);
      fixtureCleanup();
    }
  });
});
