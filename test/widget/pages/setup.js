// Sets the widget's attributes from the page's query (`?invite-after=0&theme=dark`), and
// `dir`/`lang` on the document, before the loader runs: a test's way to write the one tag.
const params = new URLSearchParams(location.search);
const widget = document.querySelector('gws-chat-widget');
for (const [name, value] of params) {
  if (name === 'dir' || name === 'lang') document.documentElement.setAttribute(name, value);
  else if (['invite-after', 'theme', 'position', 'nickname', 'prechat-fields', 'sound', 'opened'].includes(name)) widget.setAttribute(name, value);
}
// `?no-storage`: storage that exists but refuses, as in a sandboxed frame (SecurityError).
if (params.has('no-storage')) {
  for (const area of ['sessionStorage', 'localStorage']) {
    Object.defineProperty(window, area, { configurable: true, get() { throw new DOMException('The request was denied.', 'SecurityError'); } });
  }
}
// Uncaught errors of the page (the loader's included), for tests to read.
window.pageErrors = [];
window.addEventListener('error', (e) => window.pageErrors.push(e.message));
