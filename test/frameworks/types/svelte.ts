// Svelte 5 consumers of `gws-chat/svelte` (type-checked only): what svelte-check reads for
// `<gws-chat ...>` in a component is SvelteHTMLElements['gws-chat'].
import type {} from 'gws-chat/svelte';
import type { ChatMessage } from 'gws-chat';
import type { SvelteHTMLElements } from 'svelte/elements';

type Chat = SvelteHTMLElements['gws-chat'];
type Facebook = SvelteHTMLElements['gws-facebook-session'];

export const right: Chat = {
  url: '/api/v2/notifications',
  interactionId: '0000Wa9CAM6W00J',
  typingTimeout: 5000,
  strings: { empty: 'Nothing yet' },
  class: 'chat',
  'ongws-message': (e) => {
    const message: ChatMessage = e.detail.message;
    return [message.text, e.currentTarget.interactionId];
  },
  'on:gws-send': (e) => e.detail.text,
  'ongws-before-send': (e) => e.preventDefault(),
};
export const facebook: Facebook = { url: '/x', 'ongws-typing': (e) => e.detail.participant.nickname };

// @ts-expect-error typingTimeout is a number
export const wrongTimeout: Chat = { typingTimeout: '5000' };
// @ts-expect-error url is a string
export const wrongUrl: Chat = { url: 42 };
// @ts-expect-error gws-message's detail has no `text`
export const wrongDetail: Chat = { 'ongws-message': (e) => e.detail.text };
// @ts-expect-error strings holds texts
export const wrongStrings: Chat = { strings: { empty: 1 } };
// @ts-expect-error <gws-facebook-session> has no nickname
export const wrongFacebook: Facebook = { nickname: 'Pat' };
