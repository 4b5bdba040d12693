// Vue 3 consumers of `gws-chat/vue` (type-checked only): the GlobalComponents entries that
// Vue's template type-checking reads (`$props`), and `h()` with them (which checks property
// types, though not listeners: RawProps types those as `any`).
import type {} from 'gws-chat/vue';
import type { GwsChatEvents, GwsChatVueProps } from 'gws-chat/vue';
import type { ChatMessage } from 'gws-chat';
import { defineComponent, h, type GlobalComponents } from 'vue';

declare const GwsChat: GlobalComponents['gws-chat'];
declare const GwsFacebookSession: GlobalComponents['gws-facebook-session'];

type Props = InstanceType<GlobalComponents['gws-chat']>['$props'];
type FacebookProps = InstanceType<GlobalComponents['gws-facebook-session']>['$props'];

export const Right = defineComponent({
  setup() {
    return () => [
      h(GwsChat, {
        url: '/api/v2/notifications',
        interactionId: '0000Wa9CAM6W00J',
        typingTimeout: 5000,
        noComposer: true,
        strings: { empty: 'Nothing yet' },
        class: 'chat',
        onGwsMessage: (e) => {
          const message: ChatMessage = e.detail.message;
          return message.text;
        },
        onGwsBeforeSend: (e) => {
          e.detail.text = e.detail.text.trim();
        },
        onGwsConnectionChange: (e) => e.detail.state,
      }),
      h(GwsFacebookSession, { url: '/api/v2/notifications', onGwsTyping: (e) => e.detail.typing }),
    ];
  },
});

export const props: Props = { url: '/x', maxLength: 10, onGwsChatStarted: (e) => e.detail.interactionId };
export const vueProps: GwsChatVueProps = { strings: { send: 'Go' } };
export const onMessage = (e: GwsChatEvents['gws-message']): string => e.detail.message.text;

// @ts-expect-error typingTimeout is a number
h(GwsChat, { typingTimeout: '5000' });
// @ts-expect-error url is a string
h(GwsChat, { url: 42 });
// @ts-expect-error strings holds texts
export const wrongStrings: Props = { strings: { empty: 1 } };
// @ts-expect-error the detail of gws-error has no `code`
export const wrongDetail: Props = { onGwsError: (e) => e.detail.code };
// @ts-expect-error gws-message's detail has no `text` (it is `detail.message.text`)
export const wrongMessage: Props = { onGwsMessage: (e) => e.detail.text };
// @ts-expect-error a listener for another detail
export const wrongListener: Props = { onGwsTyping: (e: CustomEvent<{ message: string }>) => e.detail.message };
// @ts-expect-error <gws-facebook-session> cannot start a chat: no nickname
export const wrongFacebook: FacebookProps = { nickname: 'Pat' };
