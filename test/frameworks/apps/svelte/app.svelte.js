// The test harness of the Svelte app (not shown in the README): mounts Support.svelte with
// reactive props (a `.svelte.js` module: runes compiled by svelte/compiler).
import { flushSync, mount as mountComponent, unmount } from 'svelte';
import Support from './Support.svelte';

/** @param {HTMLElement} target @param {{ url: string, chatId: string }} initial */
export function mount(target, initial) {
  const props = $state({ ...initial });
  const app = mountComponent(Support, { target, props });
  flushSync();
  return {
    /** @param {{ url: string, chatId: string }} next */
    update(next) {
      Object.assign(props, next);
      flushSync();
    },
    unmount: () => void unmount(app),
  };
}
