import { expect } from '@open-wc/testing';
import { renderErrorNotice } from '../../../src/elements/error-view.js';
import { shorten } from '../../../src/model/text.js';
import { cleanupViews, show } from './view-fixture.js';

afterEach(cleanupViews);

const codePoints = (text: string) => [...text].length;
/** Whether `text` holds a lone surrogate (half of a split pair). */
const hasLoneSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('error view: shorten', () => {
  it('leaves a short text as it is, whitespace collapsed and trimmed', () => {
    expect(shorten('Chat not found.')).to.equal('Chat not found.');
    expect(shorten('  Chat\n\n not \t found.  ')).to.equal('Chat not found.');
    expect(shorten('')).to.equal('');
    expect(shorten(' \n\t ')).to.equal('');
  });

  it('cuts a 200 KB message to at most 300 code points, ending with an ellipsis', () => {
    const huge = 'Internal error: '.padEnd(200_000, 'x y\n');
    const shown = shorten(huge);
    expect(codePoints(shown)).to.be.at.most(300);
    expect(codePoints(shown)).to.be.at.least(290);
    expect(shown.endsWith('…')).to.equal(true);
    expect(shown.startsWith('Internal error: x y x y')).to.equal(true);
    expect(shown).not.to.match(/\s\s|\n/);
  });

  it('counts code points, and never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(400); // 800 UTF-16 units
    const shown = shorten(emoji);
    expect(shown).to.equal(`${'😀'.repeat(299)}…`);
    for (let max = 1; max <= 12; max++) {
      for (const text of [`a${'😀'.repeat(20)}`, `😀 ${'𝒳'.repeat(20)}`, `${'😀'.repeat(max)}b`]) {
        const cut = shorten(text, max);
        expect(hasLoneSurrogate(cut), `${JSON.stringify(text)} at ${max}: ${JSON.stringify(cut)}`).to.equal(false);
        expect(codePoints(cut)).to.be.at.most(max);
      }
    }
  });

  it('keeps a text of exactly max code points whole, and cuts one more', () => {
    expect(shorten('abcde', 5)).to.equal('abcde');
    expect(shorten('abcde  \n', 5)).to.equal('abcde');
    expect(shorten('abcdef', 5)).to.equal('abcd…');
    // No space before the ellipsis.
    expect(shorten('abc defgh', 5)).to.equal('abc…');
    expect(shorten('ab', 1)).to.equal('…');
  });

  it('stops reading once it has enough (a 20 MB message costs nothing)', () => {
    const huge = 'x'.repeat(20_000_000);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) shorten(huge);
    // About 10 ms here; one pass over the whole text each time would take seconds.
    expect(performance.now() - t0).to.be.below(1000);
  });
});

describe('error view: the notice', () => {
  it('shows a 200 KB server message shortened, with the dismiss button', async () => {
    let dismissed = 0;
    const message = `Server said: ${'z'.repeat(200_000)}`;
    const root = show(renderErrorNotice(message, 'Dismiss', () => dismissed++));
    const notice = root.querySelector('[part="error"]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.className).to.equal('error');
    const p = notice.querySelector('p')!;
    expect(codePoints(p.textContent!)).to.be.at.most(300);
    expect(p.textContent).to.equal(shorten(message));
    expect(p.getAttribute('dir')).to.equal('auto');
    expect(notice.getBoundingClientRect().height, 'a banner, not a wall').to.be.below(200);
    const button = notice.querySelector('button')!;
    expect(button.type).to.equal('button');
    expect(button.textContent).to.equal('Dismiss');
    button.click();
    expect(dismissed).to.equal(1);
    await expect(notice).to.be.accessible();
  });

  it('shows a short message whole', () => {
    const root = show(renderErrorNotice('Chat not found.', 'Dismiss', () => undefined));
    expect(root.querySelector('.error p')!.textContent).to.equal('Chat not found.');
  });
});
