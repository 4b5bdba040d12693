// The test harness of the Vue app (not shown in the README): mounts Support.vue with
// reactive props.
import { createApp, h, nextTick, reactive } from 'vue';
import type { AppHandle, AppProps } from '../contract.js';
// @ts-expect-error a .vue file: compiled by build-apps.mjs (@vue/compiler-sfc), typed by no .d.ts here
import Support from './Support.vue';

export function mount(container: HTMLElement, initial: AppProps): AppHandle {
  const props = reactive({ ...initial });
  const app = createApp({ render: () => h(Support, { url: props.url, chatId: props.chatId }) });
  app.mount(container);
  return {
    update: async (p) => {
      Object.assign(props, p);
      await nextTick();
    },
    unmount: () => app.unmount(),
  };
}
