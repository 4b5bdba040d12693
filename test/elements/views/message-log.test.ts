import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderLog } from '../../../src/elements/message-view.js';
import { CHUNK_SIZE } from '../../../src/elements/history-window.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import type { ChatMessage } from '../../../src/model/transcript.js';
import { cleanupViews, entry, viewRoot } from './view-fixture.js';

afterEach(cleanupViews);

/**
 * `count` log entries, each behind a proxy that records which entries the view reads
 * (a guarded chunk is skipped without reading any of its entries).
 */
function watchedLog(count: number, read: Set<number>): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => watched(entry({ text: `m${i}` }), i, read));
}

function watched(m: ChatMessage, position: number, read: Set<number>): ChatMessage {
  return new Proxy(m, {
    get(target, key, receiver) {
      read.add(position);
      return Reflect.get(target, key, receiver);
    },
  });
}

function bodies(root: ParentNode): string[] {
  return [...root.querySelectorAll('.body')].map((b) => b.textContent!);
}

describe('message view: the log re-renders only the chunks that changed', () => {
  it('renders every entry, in chunks of CHUNK_SIZE', () => {
    const root = viewRoot();
    const log = watchedLog(120, new Set());
    render(renderLog(log, 0, DEFAULT_STRINGS, 'en-US'), root);
    expect([...root.querySelectorAll('.chunk')].map((c) => c.children.length)).to.deep.equal([CHUNK_SIZE, CHUNK_SIZE, 20]);
    expect(bodies(root)).to.deep.equal(log.map((_, i) => `m${i}`));
  });

  it('an append among 500 entries renders the new chunk only: earlier entries are neither read nor touched', () => {
    const root = viewRoot();
    const read = new Set<number>();
    const log = watchedLog(500, read);
    render(renderLog(log, 0, DEFAULT_STRINGS, 'en-US'), root);
    expect(read.size).to.equal(500);
    const chunks = [...root.querySelectorAll('.chunk')];
    const firstText = root.querySelector('.body')!.firstChild;
    const mutations = new MutationObserver(() => undefined);
    mutations.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });

    read.clear();
    const longer = [...log, watched(entry({ text: 'new' }), 500, read)];
    render(renderLog(longer, 0, DEFAULT_STRINGS, 'en-US'), root);

    expect([...read], 'entries read by the re-render').to.deep.equal([500]);
    const changed = mutations.takeRecords().filter((r) => chunks.some((c) => c.contains(r.target)));
    mutations.disconnect();
    expect(changed, 'mutations in the earlier chunks').to.deep.equal([]);
    expect(root.querySelector('.body')!.firstChild).to.equal(firstText);
    expect(bodies(root).slice(-2)).to.deep.equal(['m499', 'new']);
  });

  it('a changed entry re-renders its own chunk only', () => {
    const root = viewRoot();
    const read = new Set<number>();
    const log = watchedLog(500, read);
    render(renderLog(log, 0, DEFAULT_STRINGS, 'en-US'), root);
    read.clear();
    const edited = [...log];
    edited[120] = watched(entry({ text: 'edited' }), 120, read);
    render(renderLog(edited, 0, DEFAULT_STRINGS, 'en-US'), root);
    // Chunk 2 holds entries 100..149.
    expect([...read].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: CHUNK_SIZE }, (_, i) => 100 + i));
    expect(bodies(root)[120]).to.equal('edited');
  });

  it('new texts or a new locale re-render every chunk', () => {
    const root = viewRoot();
    const read = new Set<number>();
    const log = watchedLog(120, read);
    render(renderLog(log, 0, DEFAULT_STRINGS, 'en-US'), root);
    read.clear();
    render(renderLog(log, 0, DEFAULT_STRINGS, 'de-DE'), root);
    expect(read.size, 'after a new locale').to.equal(120);
    read.clear();
    render(renderLog(log, 0, { ...DEFAULT_STRINGS, you: 'Sie' }, 'de-DE'), root);
    expect(read.size, 'after new texts').to.equal(120);
  });

  it('renders from a chunk boundary on', () => {
    const root = viewRoot();
    const log = watchedLog(500, new Set());
    render(renderLog(log, 350, DEFAULT_STRINGS, 'en-US'), root);
    expect(bodies(root)).to.deep.equal(log.slice(350).map((_, i) => `m${350 + i}`));
  });
});
