// Accessibility (WCAG 2.2 AA) of <gws-chat>: axe-core in every state a customer meets, in
// light, dark and right-to-left; then what axe cannot see: roles, names, where the focus
// is (and is not moved), and keyboard-only use from start to end.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import {
  CHAT_TOPIC, NOTIFICATIONS_URL, agent, chatState, connected, partText, plain, publish, rest, simulatedChat, waitFor,
} from '../support/gws.js';
import { accessibleName, answerNextSend, cutNetwork, expectNoAxeViolations, restoreFetch } from '../support/a11y.js';
import { active, input, part } from '../support/parts.js';

/** Where the focus is, by part (a failed assertion on elements would stall the test runner). */
const focused = (el: GwsChat) =>
  active(el)?.getAttribute('part') ?? `${active(el)?.tagName ?? 'outside'}: ${document.activeElement?.tagName ?? 'nothing'}`;
const log = (el: GwsChat) => part(el, 'log')!;

afterEach(() => {
  cutNetwork(false);
  restoreFetch();
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

/** A customer following a fresh simulated chat, its state and first catch-up in. */
async function following(state = 'Chatting'): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat('PersonP', state);
  const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.capabilities.includes('SendMessage'), 'no capabilities');
  await waitFor(() => el.session.catchUpStatus.kind === 'idle', 'first catch-up not done');
  await el.updateComplete;
  return { el, id };
}

/** An agent and the customer talking: text, a link, a notice, a pushed URL. */
async function chatting(): Promise<{ el: GwsChat; id: string }> {
  const { el, id } = await following();
  await agent(id, 'join');
  await agent(id, 'say', { text: 'Hello, I am Marat. See https://example.com/help for our hours.' });
  await agent(id, 'say', { as: 'customer', text: 'My order is late' });
  await agent(id, 'notice', { text: 'This chat is recorded.' });
  await agent(id, 'push-url', { url: 'https://example.com/orders/1042' });
  await waitFor(() => el.messages.length >= 5, `have ${el.messages.length} entries`);
  await el.updateComplete;
  return { el, id };
}

/** A network cut that the element noticed (reconnecting), offline or not. */
async function cut(el: GwsChat, offline: boolean): Promise<void> {
  cutNetwork(true, offline);
  await waitFor(() => el.connectionState === 'reconnecting', `never reconnecting (${el.connectionState})`, { timeout: 8000 });
  await el.updateComplete;
}

const STATES: Record<string, (() => Promise<GwsChat>)> = {
  'empty (before a chat, Start chat)': async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL}></gws-chat>`);
    expect(plain(part(el, 'start-button')!.textContent)).to.equal('Start chat');
    return el;
  },
  'empty (a chat without messages)': async () => {
    const { el } = await following();
    expect(partText(el, 'empty')).to.equal('No messages yet.');
    return el;
  },
  'waiting for an agent': async () => {
    const { el } = await following('WaitingForAgent');
    expect(partText(el, 'status')).to.equal('Waiting for an agent…');
    return el;
  },
  chatting: async () => (await chatting()).el,
  typing: async () => {
    const { el, id } = await chatting();
    await agent(id, 'typing');
    await waitFor(() => el.typingParticipants.length === 1);
    await el.updateComplete;
    expect(partText(el, 'typing')).to.equal('Marat is typing…');
    return el;
  },
  'sending': async () => {
    const { el } = await chatting();
    answerNextSend('hang');
    el.send('Are you there?').catch(() => {});
    await el.updateComplete;
    expect(partText(el, 'message-sending')).to.contain('Sending…');
    return el;
  },
  'failed (a message that could not be sent)': async () => {
    const { el } = await chatting();
    answerNextSend({ statusCode: 2, statusMessage: 'Agent unavailable' });
    await el.send('Please help').catch(() => {});
    await el.updateComplete;
    expect(part(el, 'message-failed') !== null, 'no message-failed').to.equal(true);
    expect(part(el, 'retry-button') !== null, 'no retry-button').to.equal(true);
    return el;
  },
  'end-chat confirmation': async () => {
    const { el } = await chatting();
    part(el, 'end-button')!.click();
    await el.updateComplete;
    expect(partText(el, 'confirm')).to.contain('End this chat?');
    return el;
  },
  ended: async () => {
    const { el, id } = await chatting();
    await agent(id, 'complete');
    await waitFor(() => el.ended, 'never ended');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    return el;
  },
  'offline (with a message waiting to send)': async () => {
    const { el } = await chatting();
    await cut(el, true);
    el.send('Sent while offline').catch(() => {});
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('You are offline. Messages will be sent when you are back online.');
    expect(part(el, 'message-waiting') !== null, 'no message-waiting').to.equal(true);
    return el;
  },
  'reconnecting': async () => {
    const { el } = await chatting();
    await cut(el, false);
    expect(partText(el, 'status')).to.contain('Reconnecting…');
    expect(part(el, 'reconnect-button') !== null, 'no reconnect-button').to.equal(true);
    return el;
  },
  'error (a server error notice)': async () => {
    const { el, id } = await chatting();
    await publish(CHAT_TOPIC, { ...chatState(id, { state: 'Chatting' }, 'Error'), errorMessage: 'SendMessage failed', referenceId: 7 });
    await waitFor(() => part(el, 'error') !== null, 'no error notice');
    return el;
  },
  'new messages while reading older ones': async () => {
    const { el, id } = await chatting();
    await agent(id, 'say-many', { count: 30, text: 'earlier', silent: false });
    await waitFor(() => el.messages.length >= 35);
    await el.updateComplete;
    log(el).scrollTop = 0;
    await agent(id, 'say', { text: 'Are you still there?' });
    await waitFor(() => part(el, 'new-messages-button') !== null, 'no new-messages button');
    return el;
  },
};

const VARIANTS: Record<string, (el: GwsChat) => void> = {
  light: (el) => {
    el.setAttribute('theme', 'light');
    el.removeAttribute('dir');
  },
  dark: (el) => {
    el.setAttribute('theme', 'dark');
    el.removeAttribute('dir');
  },
  'right-to-left': (el) => {
    el.setAttribute('theme', 'light');
    el.setAttribute('dir', 'rtl');
  },
  'right-to-left, dark': (el) => {
    el.setAttribute('theme', 'dark');
    el.setAttribute('dir', 'rtl');
  },
};

describe('a11y: axe in every state, light, dark and right-to-left', function () {
  this.timeout(40_000);
  for (const [state, make] of Object.entries(STATES)) {
    it(state, async () => {
      const el = await make();
      for (const [variant, apply] of Object.entries(VARIANTS)) {
        apply(el);
        await el.updateComplete;
        await expectNoAxeViolations(el, `${state}, ${variant}`);
        // Every button has a name, whatever its look (axe's button-name checks the same).
        for (const button of el.shadowRoot!.querySelectorAll('button')) {
          expect(accessibleName(button), `${state}, ${variant}: a button without a name: ${button.outerHTML}`).to.not.equal('');
        }
      }
    });
  }
});

describe('a11y: roles and names', () => {
  it('has status regions for the connection and typing, a named log that is not live, and a polite announcer', async () => {
    const { el } = await chatting();
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    expect(part(el, 'typing')!.getAttribute('role')).to.equal('status');
    expect(part(el, 'typing')!.hasAttribute('aria-live'), 'typing: role=status is polite already').to.equal(false);
    const logPart = log(el);
    expect(logPart.getAttribute('role')).to.equal('log');
    // Not a live region: it would re-read entries; the announcer speaks each one once.
    expect(logPart.getAttribute('aria-live')).to.equal('off');
    expect(accessibleName(logPart)).to.equal('Chat transcript');
    expect(logPart.tabIndex, 'the log scrolls from the keyboard').to.equal(0);
    const announcer = part(el, 'announcer')!;
    expect([announcer.getAttribute('role'), announcer.getAttribute('aria-live'), announcer.getAttribute('aria-atomic')])
      .to.deep.equal(['status', 'polite', 'true']);
    // Visually hidden, yet in the accessibility tree (not display: none or visibility: hidden).
    const box = announcer.getBoundingClientRect();
    expect(box.width * box.height).to.be.at.most(1);
    expect(getComputedStyle(announcer).display).to.not.equal('none');
    expect(getComputedStyle(announcer).visibility).to.equal('visible');
  });

  it('labels the input and names every control after what it does', async () => {
    const { el } = await chatting();
    expect(accessibleName(input(el))).to.equal('Message');
    expect(accessibleName(part(el, 'send-button')!)).to.equal('Send');
    expect(accessibleName(part(el, 'end-button')!)).to.equal('End chat');
  });

  it('keeps the buttons\' names when a host replaces their text with icons by CSS', async () => {
    const { el } = await chatting();
    const style = document.createElement('style');
    style.textContent = `
      gws-chat::part(send-button), gws-chat::part(end-button) { font-size: 0; width: 2.5rem; }
      gws-chat::part(send-button)::before { content: '➤' / ''; font-size: 1rem; }
      gws-chat::part(end-button)::before { content: '✕' / ''; font-size: 1rem; }`;
    document.head.append(style);
    try {
      expect(accessibleName(part(el, 'send-button')!)).to.equal('Send');
      expect(accessibleName(part(el, 'end-button')!)).to.equal('End chat');
      await expectNoAxeViolations(el, 'icon buttons');
    } finally {
      style.remove();
    }
  });
});

describe('a11y: the focus stays where the customer put it', function () {
  this.timeout(30_000);

  it('is not moved by messages, typing, state changes, a catch-up or the connection coming and going', async () => {
    const { el, id } = await following();
    input(el).focus();
    await sendKeys({ type: 'half a thought' });
    const stays = async (what: string) => {
      await el.updateComplete;
      expect(focused(el), `after ${what}`).to.equal('input');
      expect(document.activeElement === el, `after ${what}`).to.equal(true);
    };
    await agent(id, 'join');
    await waitFor(() => el.messages.length === 1);
    await stays('an agent joining');
    await agent(id, 'typing');
    await waitFor(() => el.typingParticipants.length === 1);
    await stays('typing');
    await agent(id, 'say', { text: 'Hello' });
    await waitFor(() => el.messages.length === 2);
    await stays('a message');
    await agent(id, 'say-many', { count: 20 });
    await agent(id, 'say', { text: 'after a gap' });
    await waitFor(() => el.messages.length === 23, 'no catch-up');
    await stays('a catch-up');
    await agent(id, 'capabilities', { capabilities: ['SendMessage', 'Complete'] });
    await waitFor(() => !el.capabilities.includes('SendStartTypingNotification'));
    await stays('a state change');
    await cut(el, false);
    await stays('losing the connection');
    cutNetwork(false);
    await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 10_000 });
    await stays('the connection coming back');
    expect(input(el).value).to.equal('half a thought');
  });

  it('never pulls the focus into the element from the page', async () => {
    const { el, id } = await following();
    const outside = document.createElement('button');
    outside.textContent = 'A button of the page';
    document.body.append(outside);
    try {
      outside.focus();
      await agent(id, 'join');
      await agent(id, 'say', { text: 'Hello' });
      await agent(id, 'typing');
      await waitFor(() => el.messages.length === 2 && el.typingParticipants.length === 1);
      await el.updateComplete;
      expect(document.activeElement === outside, `focus on ${document.activeElement?.tagName}`).to.equal(true);
    } finally {
      outside.remove();
    }
  });

  it('keeps the focus in the element when the agent ends the chat while the customer types', async () => {
    const { el, id } = await chatting();
    input(el)!.focus();
    await sendKeys({ type: 'Thanks, one more' });
    await agent(id, 'leave');
    await agent(id, 'complete');
    await waitFor(() => el.ended, 'the chat never ended');
    await el.updateComplete;
    await waitFor(() => active(el) !== null, `focus on ${document.activeElement?.tagName}, not in the element`);
  });

  it('keeps the focus in the element when the control that had it goes away (Reconnect now, once reconnected)', async () => {
    const { el } = await chatting();
    await cut(el, false);
    part(el, 'reconnect-button')!.focus();
    cutNetwork(false, false);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 10_000 });
    await waitFor(() => part(el, 'reconnect-button') === null);
    await waitFor(() => active(el) === log(el), `focus on ${document.activeElement?.tagName} ${active(el)?.getAttribute('part')}, not the log`);
  });
});

describe('a11y: keyboard only, from the page to the end of the chat', function () {
  this.timeout(60_000);

  it('Tab to Start chat, Enter; type, Shift+Enter, Enter; Tab to End chat, Escape keeps chatting, Enter ends', async () => {
    const el = await fixture<GwsChat>(html`<div><button id="before">Before the chat</button>
      <gws-chat url=${NOTIFICATIONS_URL} nickname="Kim (a11y keyboard test)"></gws-chat></div>`).then((d) => d.querySelector('gws-chat')!);
    document.getElementById('before')!.focus();
    // The log (scrollable by keyboard), then Start chat.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('log');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('start-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.interactionId !== '' && el.state !== null, 'no chat started', { timeout: 15_000 });
    // The focus lands in the message input as soon as it takes text.
    await waitFor(() => active(el) === input(el), `focus on ${active(el)?.getAttribute('part')}, not the input`);
    const id = el.interactionId;
    await agent(id, 'join');
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(input(el).value).to.equal('line one\nline two');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.some((m) => m.own && m.text === 'line one\nline two'), 'not sent');
    expect(input(el).value).to.equal('');
    expect(focused(el)).to.equal('input');
    await agent(id, 'say', { text: 'Anything else?' });
    await waitFor(() => el.messages.some((m) => m.text === 'Anything else?'));
    expect(focused(el), 'an agent message moved the focus').to.equal('input');
    // Send, then End chat.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('send-button');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('end-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(el) === part(el, 'confirm-button'), 'focus not on the confirmation');
    expect(partText(el, 'confirm')).to.contain('End this chat?');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => part(el, 'confirm') === null && active(el) === part(el, 'end-button'), 'Escape did not go back to End chat');
    expect(el.ended).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(el) === part(el, 'confirm-button'));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.ended, 'never ended');
    await waitFor(() => active(el) === log(el), `focus on ${active(el)?.getAttribute('part')} after ending, not the log`);
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    await expectNoAxeViolations(el, 'after a keyboard-only chat');
  });

  it('the new-messages button is one Shift+Tab from the input; Enter jumps, and the focus stays in the log to read on', async () => {
    const { el, id } = await chatting();
    el.style.height = '320px';
    await agent(id, 'say-many', { count: 30, text: 'earlier', silent: false });
    await waitFor(() => el.messages.length >= 35);
    await el.updateComplete;
    log(el).scrollTop = 0;
    await agent(id, 'say', { text: 'first unread' });
    await waitFor(() => part(el, 'new-messages-button') !== null, 'no new-messages button');
    // From the message input, one step back (it comes right after the log and its links).
    input(el).focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal('new-messages-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => part(el, 'new-messages-button') === null);
    await waitFor(() => active(el) === log(el), `focus on ${active(el)?.getAttribute('part')}, not the log`);
    // Arrow keys scroll the log.
    const top = log(el).scrollTop;
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => log(el).scrollTop < top, 'the log did not scroll with the arrow key');
  });
});
