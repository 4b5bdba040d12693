import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { renderMessage } from '../../../src/elements/message-view.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import { boxOf, charBox, cleanupViews, entry, show, textNodeWith } from './view-fixture.js';

const RLO = '\u202E';
const RLE = '\u202B';
const PDI = '\u2069';
const s = DEFAULT_STRINGS;
const one = (m: Parameters<typeof renderMessage>[0]) => show(html`<div class="entries">${renderMessage(m, s, 'en-US')}</div>`);

afterEach(cleanupViews);

/** Whether the characters of `needle` are laid out left to right, in reading order. */
function inOrder(el: Node, needle: string): boolean {
  const node = textNodeWith(el, needle);
  const at = node.nodeValue!.indexOf(needle);
  const lefts = [...needle].map((_, i) => charBox(node, at + i).left);
  return lefts.every((x, i) => i === 0 || x > lefts[i - 1]!);
}

describe('message view: bidi isolation of untrusted runs', () => {
  it('keeps the time after a pushed link whose URL holds a right-to-left override', () => {
    for (const control of [RLO, RLE]) {
      const root = one(entry({ type: 'PushUrl', url: `https://example.com/${control}abc/def` }));
      const a = root.querySelector('a')!;
      const time = root.querySelector('time')!;
      const said = root.querySelector('.message > span')!;
      expect(a.textContent).to.equal(`https://example.com/${control}abc/def`);
      const link = a.getBoundingClientRect();
      expect(time.getBoundingClientRect().left, 'time after the link').to.be.at.least(link.right - 0.5);
      expect(said.getBoundingClientRect().right, 'sentence before the link').to.be.at.most(link.left + 0.5);
      expect(inOrder(a, 'https://example.com/'), 'the URL up to the override reads left to right').to.equal(true);
      // The link is its own isolate: nothing in it reaches the sentence around it.
      expect(getComputedStyle(a).unicodeBidi).to.equal('isolate');
    }
  });

  it('keeps the time after a URL shown as text that holds an override', () => {
    const root = one(entry({ type: 'PushUrl', url: `ftp://example.com/${RLO}abc` }));
    expect(root.querySelector('a')).to.equal(null);
    const url = textNodeWith(root, 'ftp:').parentElement!;
    expect(getComputedStyle(url).unicodeBidi).to.equal('isolate');
    expect(root.querySelector('time')!.getBoundingClientRect().left).to.be.at.least(url.getBoundingClientRect().right - 0.5);
  });

  it('isolates the link runs of a message body from the text around them', () => {
    // An override before a link must not reverse the link; one inside a link must not
    // reverse the text after it.
    const root = one(entry({ text: `see ${RLO}this https://example.com/path and https://example.org/${RLO}x then more words` }));
    const body = root.querySelector('.body')!;
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['https://example.com/path', `https://example.org/${RLO}x`]);
    expect(inOrder(links[0]!, 'https://example.com/path'), 'first link reads left to right').to.equal(true);
    expect(inOrder(body, ' then more words'), 'text after the second link reads left to right').to.equal(true);
    expect(boxOf(body, 'then').left).to.be.at.least(links[1]!.getBoundingClientRect().right - 0.5);
    expect(links.map((a) => getComputedStyle(a).unicodeBidi)).to.deep.equal(['isolate', 'isolate']);
    expect(body.textContent).to.equal(`see ${RLO}this https://example.com/path and https://example.org/${RLO}x then more words`);
  });

  it('isolates the link runs of a notice, and keeps its time after it', () => {
    const root = one(entry({ type: 'Notice', from: null, text: `read https://example.org/${RLO}x then more` }));
    const notice = root.querySelector('.message > span')!;
    const a = notice.querySelector('a')!;
    expect(notice.textContent).to.equal(`read https://example.org/${RLO}x then more`);
    expect(inOrder(notice, ' then more')).to.equal(true);
    expect(boxOf(notice, 'then').left).to.be.at.least(a.getBoundingClientRect().right - 0.5);
    expect(root.querySelector('time')!.getBoundingClientRect().left).to.be.at.least(notice.getBoundingClientRect().right - 0.5);
  });

  it('keeps a sentence about a participant in order whatever the nickname holds', () => {
    // A stray PDI would close the FSI around the name early and let the override after it
    // run over the rest of the sentence.
    for (const nickname of [`${RLO}Eve`, `${PDI}${RLO}Eve`, `Eve${PDI}${PDI}${RLE}`]) {
      const from = { participantId: 'P9', nickname, type: 'Agent' as const };
      for (const [type, words] of [['ParticipantJoined', ' joined the chat'], ['ParticipantLeft', ' left the chat'],
        ['NicknameUpdated', ' changed their name'], ['PushUrl', ' shared a link:']] as const) {
        const root = one(entry({ type, from, url: 'https://example.com/' }));
        const said = root.querySelector('.message > span')!;
        const where = `${type} by ${JSON.stringify(nickname)}`;
        expect(inOrder(said, words), `${where}: the sentence reads left to right`).to.equal(true);
        expect(root.querySelector('time')!.getBoundingClientRect().left, `${where}: time last`)
          .to.be.at.least(said.getBoundingClientRect().right - 0.5);
      }
    }
  });

  it('isolates the sender of a text from its body', () => {
    const root = one(entry({ from: { participantId: 'P9', nickname: `${PDI}${RLO}Eve`, type: 'Agent' }, text: 'hello there' }));
    const sender = root.querySelector('.sender')!;
    expect(sender.textContent).to.equal(`${PDI}${RLO}Eve`);
    expect(getComputedStyle(sender).unicodeBidi).to.equal('isolate');
    expect(inOrder(root.querySelector('.body')!, 'hello there')).to.equal(true);
  });
});
