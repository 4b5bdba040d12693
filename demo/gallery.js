// The gallery page's script: one live chat for the three themed elements, and the CSS of
// each theme shown under it, read from the page's own stylesheet.
const css = await (await fetch('/demo/gallery.css')).text();
for (const code of document.querySelectorAll('code[data-theme]')) {
  const name = code.dataset.theme;
  const start = css.indexOf(`/* theme: ${name} */`);
  const end = css.indexOf('/* end */', start);
  code.textContent = start >= 0 && end > start ? css.slice(start, end).replace(/^\/\*.*\*\/\n/, '').trim() : '';
}

// A chat of the simulator with a few lines and the agent typing; every element follows it.
const response = await fetch('/demo/gallery-chat', { method: 'POST' });
const { interactionId } = await response.json();
const elements = [...document.querySelectorAll('gws-chat')];
for (const el of elements) el.interactionId = interactionId;
const connected = (el) => el.connectionState === 'connected' || new Promise((resolve) => {
  el.addEventListener('gws-connection-change', (e) => e.detail.state === 'connected' && resolve(), { once: false });
});
await Promise.all(elements.map(connected));
await fetch(`/demo/gallery-chat?id=${encodeURIComponent(interactionId)}`, { method: 'POST' });
