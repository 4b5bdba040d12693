// The gallery page's script: the chats of the simulator every example follows, and the code
// that made each example shown under it (from this page, its scripts and its stylesheet).
import '/dist/gws-chat.esm.min.js';
import { mountVueApp } from '/demo/gallery-vue.js';
import { followHeadless } from '/demo/gallery-headless.js';

/** The text between `<!-- NAME -->` (or `/* NAME *\/`) and the next end marker, de-indented. */
function between(text, start, end) {
  const at = text.indexOf(start);
  const stop = text.indexOf(end, at);
  return at >= 0 && stop > at ? text.slice(at + start.length, stop).replace(/^[^\n]*\n/, '').trimEnd() : '';
}
const [page, css] = await Promise.all([location.pathname, '/demo/gallery.css'].map(async (u) => (await fetch(u)).text()));
for (const code of document.querySelectorAll('code[data-snippet]')) {
  code.textContent = between(page, `<!-- snippet:${code.dataset.snippet} -->`, '<!-- end -->');
}
for (const code of document.querySelectorAll('code[data-theme]')) {
  code.textContent = between(css, `/* theme: ${code.dataset.theme} */`, '/* end */');
}
for (const code of document.querySelectorAll('code[data-snippet-file]')) {
  const text = await (await fetch(code.dataset.snippetFile)).text();
  code.textContent = code.dataset.from ? between(text, `<!-- ${code.dataset.from} -->`, '<!-- end -->') : text.trim();
}

// Three interactions of the simulator: a live chat, an ended one, a Facebook session.
const ids = await (await fetch('/demo/gallery', { method: 'POST' })).json();
const elements = [...document.querySelectorAll('[data-chat]')];
for (const el of elements) el.interactionId = ids[el.dataset.chat];
mountVueApp('#vue-app', ids.vue);
followHeadless(document.getElementById('headless'), ids.headless);
const connected = (el) => el.connectionState === 'connected' || new Promise((resolve) => {
  const on = () => {
    if (el.connectionState !== 'connected') return;
    el.removeEventListener('gws-connection-change', on);
    resolve();
  };
  el.addEventListener('gws-connection-change', on);
});
await Promise.all([...document.querySelectorAll('gws-chat, gws-facebook-session')].map(connected));
// Everyone listens: the states, and the agent typing in the live chat.
await fetch(`/demo/gallery?${new URLSearchParams(ids)}`, { method: 'POST' });
