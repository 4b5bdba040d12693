// The host page under a strict CSP: creates an element from markup-free code, reports to
// the test (the parent frame) when it is connected and what it renders.
function start() {
  const id = new URLSearchParams(location.search).get('id');
  const el = document.createElement('gws-chat');
  el.setAttribute('url', '/api/v2/notifications');
  el.setAttribute('interaction-id', id);
  // A language for the element (test/elements/i18n.test.ts): fetched from beside the bundle.
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang) el.setAttribute('lang', lang);
  document.body.append(el);
  const tell = (data) => parent.postMessage({ source: 'csp-page', ...data }, location.origin);
  el.addEventListener('gws-connection-change', (e) => {
    if (e.detail.state === 'connected') tell({ type: 'connected' });
  });
  el.addEventListener('gws-message', async (e) => {
    await el.updateComplete;
    const body = el.shadowRoot.querySelector('[part~="message-text"] .body');
    tell({ type: 'message', text: e.detail.message.text, rendered: body ? body.textContent : null });
  });
  window.addEventListener('message', (e) => {
    if (e.origin !== location.origin || e.data !== 'report') return;
    // The probe's own refused eval is expected; anything else is the element's.
    const violations = window.cspViolations.filter((v) => !v.includes('/test/csp/probe.js'));
    tell({
      type: 'report', enforced: window.cspEnforced, violations, defined: !!customElements.get('gws-chat'),
      placeholder: el.shadowRoot?.querySelector('[part="input"]')?.getAttribute('placeholder') ?? null,
      rendered: !!el.shadowRoot?.querySelector('[part="log"]'),
      consoleErrors: window.consoleErrors,
      languageFiles: performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/lang/')),
    });
  });
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
