import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { renderComposer, renderOutgoing, type ComposerHandlers, type ComposerState } from '../../../src/elements/composer-view.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import { Outbox, type OutgoingDelivery, type OutgoingFailure, type OutgoingMessage } from '../../../src/model/outbox.js';
import { boxOf, cleanupViews, show } from './view-fixture.js';

afterEach(cleanupViews);

const codePoints = (text: string) => [...text].length;

/** A message in `delivery`, made by the outbox itself (its `status` derived there). */
function inState(delivery: OutgoingDelivery, text = 'Hello'): OutgoingMessage {
  const outbox = new Outbox();
  return outbox.update(outbox.add(text, 0, 0).key, delivery)!;
}

function failed(error: string, retryAt: number | null = null, reason: OutgoingFailure = 'server'): OutgoingMessage {
  return inState(retryAt === null ? { state: 'failed', reason, error } : { state: 'retrying', at: retryAt, reason, error });
}

const noop: ComposerHandlers = {
  input: () => undefined, keydown: () => undefined, submit: (e) => e.preventDefault(),
  askEnd: () => undefined, confirmEnd: () => undefined, cancelEnd: () => undefined,
};
const composer = (note: string): ComposerState => ({
  draft: '', disabled: false, note, noteIsError: true, canEnd: false, confirmingEnd: false, ending: false,
});

describe('composer view: where each message stands', () => {
  it('shows every delivery state as the customer knows it: its words, part and retry button', () => {
    const at = Date.now() + 4_500;
    const cases: [OutgoingDelivery, string, string, boolean][] = [
      [{ state: 'queued' }, 'message-waiting', DEFAULT_STRINGS.waiting, false],
      [{ state: 'sending', deadline: at }, 'message-sending', DEFAULT_STRINGS.sending, false],
      [{ state: 'accepted', at }, 'message-sending', DEFAULT_STRINGS.sending, false],
      // Its outcome unknown: the customer sees it still on its way.
      [{ state: 'unconfirmed', since: 0, deadline: null }, 'message-waiting', DEFAULT_STRINGS.sending, false],
      [{ state: 'retrying', at, reason: 'transport', error: 'no answer' }, 'message-failed',
        `${DEFAULT_STRINGS.notSent} ${DEFAULT_STRINGS.unreachable} ${DEFAULT_STRINGS.retryingIn(5)}`, true],
      [{ state: 'failed', reason: 'ended', error: 'This chat has ended.' }, 'message-failed',
        `${DEFAULT_STRINGS.notSent} ${DEFAULT_STRINGS.ended}`, true],
    ];
    for (const [delivery, part, words, retry] of cases) {
      const root = show(html`<div class="log">${renderOutgoing([inState(delivery)], DEFAULT_STRINGS, () => undefined)}</div>`);
      const bubble = root.querySelector('.message')!;
      expect(bubble.getAttribute('part')!.split(' '), delivery.state).to.include(part);
      expect(root.querySelector('.delivery')!.textContent!.replace(/\s+/g, ' ').trim(), delivery.state).to.equal(words);
      expect(root.querySelector('.delivery')!.getAttribute('role'), delivery.state).to.equal(retry ? 'alert' : null);
      expect(root.querySelector('[part="retry-button"]') !== null, delivery.state).to.equal(retry);
      cleanupViews();
    }
  });
});

describe('composer view: failure texts', () => {
  it('says why a message failed in the table\'s words, never in the engine\'s (untrusted, English) text', () => {
    const reason = `Rejected: ${'r'.repeat(200_000)}`;
    const reasons: [OutgoingFailure, string][] = [
      ['server', DEFAULT_STRINGS.refused], ['transport', DEFAULT_STRINGS.unreachable],
      ['ended', DEFAULT_STRINGS.ended], ['unconfirmed', DEFAULT_STRINGS.unconfirmed],
    ];
    for (const [failure, text] of reasons) {
      const root = show(html`<div class="log">${renderOutgoing([failed(reason, null, failure)], DEFAULT_STRINGS, () => undefined)}</div>`);
      expect(root.querySelector('.reason')!.textContent).to.equal(text);
      expect(root.textContent).not.to.contain('Rejected');
      cleanupViews();
    }
  });

  it('shows the countdown after the reason', () => {
    const root = show(html`<div class="log">${renderOutgoing([failed('bad \u202Erequest', Date.now() + 5000)], DEFAULT_STRINGS, () => undefined)}</div>`);
    const delivery = root.querySelector('.delivery')!;
    const next = boxOf(delivery, 'Next');
    expect(next.left, 'the countdown after the reason').to.be.at.least(root.querySelector('.reason')!.getBoundingClientRect().right - 0.5);
    expect(boxOf(delivery, 'Next').left).to.be.below(boxOf(delivery, 'try').left);
  });

  it('shortens a huge note under the composer', () => {
    const note = `Server: ${'n'.repeat(200_000)}`;
    const root = show(renderComposer(composer(note), DEFAULT_STRINGS, noop));
    const shown = root.querySelector('#composer-note')!.textContent!;
    expect(codePoints(shown)).to.be.at.most(300);
    expect(shown.endsWith('…')).to.equal(true);
  });

  it('shows a short note whole', () => {
    const root = show(renderComposer(composer('The message is too long: 20 characters, at most 10.'), DEFAULT_STRINGS, noop));
    expect(root.querySelector('#composer-note')!.textContent).to.equal('The message is too long: 20 characters, at most 10.');
  });
});
