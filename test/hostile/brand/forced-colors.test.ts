// Hostile: Windows high contrast (forced-colors).
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { NOTIFICATIONS_URL, agent, connected, rest, simulatedChat, waitFor } from '../../support/gws.js';
import { part } from '../../support/parts.js';

const forcedColors = (on: boolean) =>
  executeServerCommand('emulate-media-features', { features: on ? [{ name: 'forced-colors', value: 'active' }] : [] });

afterEach(async () => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
  await forcedColors(false);
});

describe('hostile brand: forced colors', function () {
  this.timeout(30_000);

  it('the typing dots stay visible (not painted in the background colour), and an empty status banner draws no edge', async () => {
    const id = await simulatedChat();
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.capabilities.length > 0);
    await agent(id, 'typing');
    await waitFor(() => el.typingParticipants.length === 1);
    await el.updateComplete;
    await forcedColors(true);
    const dot = part(el, 'typing-dots')!.querySelector('span')!;
    const dotBg = getComputedStyle(dot).backgroundColor;
    const bg = getComputedStyle(el).backgroundColor;
    const status = part(el, 'status')!;
    expect({ dotBg: dotBg === bg ? 'same as background' : 'visible', statusHeight: status.getBoundingClientRect().height })
      .to.deep.equal({ dotBg: 'visible', statusHeight: 0 });
  });
});
