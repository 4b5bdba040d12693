/**
 * Endpoints: the key a CometD endpoint is known by (its absolute URL), and the one registry
 * pattern the page's shared connection and the tab groups both use: one source per
 * endpoint, made at its first subscription, dropped when it empties.
 */
import { baseUrl } from './api-root.js';
import type { NotificationSource } from './source.js';

/** The absolute form of an endpoint URL, the key connections are shared under. */
export function endpointKey(url: string): string {
  try {
    return new URL(url, baseUrl()).href;
  } catch {
    return url;
  }
}

/**
 * A source over the one `T` of `registry` for endpoint `key`: made by `make` at the first
 * subscription, dropped from the registry when it empties (it calls `onEmpty`).
 */
export function perEndpoint<T extends NotificationSource>(
  registry: Map<string, T>, key: string, make: (key: string, onEmpty: () => void) => T,
): NotificationSource {
  return {
    reconnectNow() {
      registry.get(key)?.reconnectNow();
    },
    subscribe(topic, observer) {
      let source = registry.get(key);
      if (!source) {
        const created: T = make(key, () => {
          if (registry.get(key) === created) registry.delete(key);
        });
        registry.set(key, created);
        source = created;
      }
      return source.subscribe(topic, observer);
    },
  };
}
