// The chat inside a small Vue app (Vue's runtime build, render functions: no template
// compiler, so it runs under the demo's strict Content-Security-Policy).
import { createApp, h, ref } from '/vendor/vue.js';

export function mountVueApp(selector, interactionId) {
  createApp({
    setup() {
      const theme = ref('light');
      return () => h('div', { class: 'vue-app' }, [
        h('label', ['Theme ', h('select', { value: theme.value, onChange: (e) => (theme.value = e.target.value) },
          ['light', 'dark'].map((t) => h('option', { value: t }, t)))]),
        // Vue sets `interactionId` as a property: the element has one.
        h('gws-chat', { url: '/api/v2/notifications', interactionId, theme: theme.value }),
      ]);
    },
  }).mount(selector);
}
