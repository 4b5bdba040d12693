// A tiny Vue 3 app, bundled by esbuild (test/frameworks/build-apps.mjs) the way a user's
// app is: `<gws-chat>` from 'gws-chat/gws-chat.js', rendered by Vue with a property, an
// object property and a `gws-message` listener (`onGwsMessage`, what `@gws-message`
// compiles to). test/frameworks/vue.test.ts drives it against the simulator.
import type { GwsChatEvents } from 'gws-chat/vue';
import 'gws-chat/gws-chat.js';
import type { GwsChatStrings } from 'gws-chat';
import { createApp, defineComponent, h, reactive } from 'vue';

export interface VueAppProps {
  url: string;
  interactionId: string;
  strings: Partial<GwsChatStrings>;
  typingTimeout: number;
}

/** Mounts the app into `container`; `props` is reactive: changing it re-renders. */
export function mount(container: HTMLElement, initial: VueAppProps): { props: VueAppProps; unmount(): void } {
  const props = reactive({ ...initial });
  const heard = reactive<string[]>([]);
  const App = defineComponent({
    setup() {
      return () => h('section', { id: 'element-chat' }, [
        h('gws-chat', {
          url: props.url,
          interactionId: props.interactionId,
          strings: props.strings,
          typingTimeout: props.typingTimeout,
          onGwsMessage: (e: GwsChatEvents['gws-message']) => {
            heard.push(`${e.detail.message.from?.nickname ?? ''}: ${e.detail.message.text}`);
          },
        }),
        h('output', { class: 'heard' }, heard.join(' | ')),
      ]);
    },
  });
  const app = createApp(App);
  app.mount(container);
  return { props, unmount: () => app.unmount() };
}
