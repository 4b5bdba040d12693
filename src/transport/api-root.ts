/** The API root: `api-url`, or `url` without its last path segment (`notifications`). */
export function apiRoot(url: string, apiUrl: string): string {
  const base = globalThis.location?.href;
  try {
    const explicit = apiUrl.trim();
    // Nothing set is no root (not the page's own origin): callers test for ''.
    if (!explicit && !url.trim()) return '';
    const u = new URL(explicit || url, base);
    if (!explicit) u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/[^/]*$/, '');
    // Paths are appended to the root: a query or hash must not stay in it.
    u.search = '';
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
