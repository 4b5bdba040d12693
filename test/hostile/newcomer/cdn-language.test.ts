// A newcomer follows the README: `<script src="https://unpkg.com/gws-chat/dist/gws-chat.min.js">`
// (a plain script tag, no `crossorigin`), from a CDN, i.e. from ANOTHER origin than the page,
// and `lang="fr"`. The README promises the languages load "from beside it". Here the bundle
// is loaded from http://127.0.0.1:<port> while the page is http://localhost:<port>.
import { expect, waitUntil } from '@open-wc/testing';

const CDN = `http://127.0.0.1:${location.port}`;

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src; // exactly as the README's snippet: no crossorigin attribute
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

const warnings: string[] = [];
const origWarn = console.warn;
console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); origWarn.apply(console, args); };

describe('newcomer: the CDN script tag on another origin, lang="fr"', () => {
  before(() => loadClassicScript(`${CDN}/dist/gws-chat.min.js`));

  it('shows French texts (lang/fr.js loaded from beside the bundle, not the page)', async () => {
    const el = document.createElement('gws-chat');
    el.setAttribute('lang', 'fr');
    el.setAttribute('url', `${CDN}/api/v2/notifications`);
    document.body.append(el);
    try {
      const text = () => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
      await waitUntil(() => /Démarrer|Aucun message/.test(text()) || warnings.some((w) => /No "fr" texts/.test(w)),
        'neither French nor a warning', { timeout: 5000 });
      expect(warnings.filter((w) => /No "fr" texts/.test(w)), 'the bundle could not load lang/fr.js').to.deep.equal([]);
      expect(text()).to.match(/Démarrer une conversation/);
    } finally {
      el.remove();
    }
  });
});
