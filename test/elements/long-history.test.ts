// A long history in one notification (issue 16): shown newest first, the rest added above
// in later tasks, the log busy meanwhile, every entry in the DOM at the end (the browser's
// find sees them all), the reader at the newest entries kept there.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { NOTIFICATIONS_URL, agent, connected, entries, plain, rest, simulatedChat, waitFor } from '../support/gws.js';
import { atBottom, entryWith, inView, logOf } from '../support/views.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

/** The texts of the entries among `nodes` (entries, or boxes of entries). */
const entryTexts = (nodes: Node[]) => nodes
  .flatMap((n) => (n instanceof Element ? (n.matches('.message') ? [n] : [...n.querySelectorAll('.message')]) : []))
  .map((m) => plain(m.querySelector('.body')?.textContent));

describe('a long history in one notification', function () {
  this.timeout(60_000);

  it('shows the newest entries first, adds the older ones above in later renders, busy meanwhile; ends with every entry in order', async () => {
    const id = await simulatedChat();
    const el = await fixture<GwsChat>(html`<gws-chat style="height: 400px" url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    // Chunks off screen keep their placeholder size in a background tab: lay them all out.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.chunk { content-visibility: visible; }');
    el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.capabilities.length > 0);
    const log = logOf(el);
    expect(log.getAttribute('aria-busy')).to.equal('false');
    // What each render added, and whether the log was busy then.
    const renders: { added: string[]; busy: string | null }[] = [];
    const observer = new MutationObserver((records) => {
      renders.push({ added: entryTexts(records.flatMap((r) => [...r.addedNodes])), busy: log.getAttribute('aria-busy') });
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });

    await agent(id, 'say-many', { count: 10_000, text: 'history', silent: false });
    await waitFor(() => el.messages.length === 10_000 && log.getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    observer.disconnect();

    const adding = renders.filter((r) => r.added.length > 0);
    expect(adding.length, 'renders that added entries').to.be.above(5);
    const first = adding[0]!;
    expect(first.added, 'the first render shows the newest').to.include('history 10000');
    expect(first.added, 'the first render does not show the oldest').to.not.include('history 1');
    expect(first.added.length, 'entries in the first render').to.be.below(1000);
    expect(first.busy, 'busy while filling').to.equal('true');
    expect(renders[renders.length - 1]!.busy, 'not busy at the end').to.equal('false');
    // Every entry is in the DOM, in log order (the browser's find-in-page sees them all).
    expect(entries(el).map((e) => plain(e.querySelector('.body')?.textContent)))
      .to.deep.equal(Array.from({ length: 10_000 }, (_, i) => `history ${i + 1}`));
    expect(el.shadowRoot!.textContent).to.contain('history 1 ');
    // The reader who was at the newest entries is still there.
    await waitFor(() => atBottom(el), 'not at the newest entries');
    expect(inView(el, entryWith(el, 'history 10000')!)).to.equal(true);
  });
});
