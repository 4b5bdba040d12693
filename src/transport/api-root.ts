/**
 * The URL relative URLs are resolved against, as the browser's own requests resolve them:
 * the document's base URL (a `<base href>`, or the parent's URL in a `srcdoc` iframe).
 */
export const baseUrl = (): string | undefined => globalThis.document?.baseURI ?? globalThis.location?.href;

/** The API root: `api-url`, or `url` without its last path segment (`notifications`). */
export function apiRoot(url: string, apiUrl: string): string {
  const base = baseUrl();
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
