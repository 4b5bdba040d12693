/**
 * Watches the Trusted Types policy Lit asks for while it loads (see `lit-policy.ts`, the
 * only importer): from this module's evaluation until `releaseLitPolicyGuard()`, the page's
 * `trustedTypes` is seen through a guard whose `createPolicy('lit-html', …)` does not throw
 * when the page's Content-Security-Policy refuses that name. It says why instead, once, with
 * `console.error`, and answers no policy: Lit then hands its templates to the browser as
 * strings, which the page's `default` policy (if it has one) lets through.
 */

/** The policy name Lit creates; a page that enforces Trusted Types must allow it. */
export const LIT_POLICY = 'lit-html';

/** What of the browser's `TrustedTypePolicyFactory` this needs (not in TypeScript's DOM types yet). */
interface PolicyFactory {
  createPolicy(name: string, rules: object): unknown;
  readonly defaultPolicy: unknown;
}

const scope = globalThis as { trustedTypes?: PolicyFactory };
const factory = scope.trustedTypes;
/** The page's own property (it may live on the global object or on its prototype). */
const own = Object.getOwnPropertyDescriptor(globalThis, 'trustedTypes');
const guarding = factory !== undefined && (own === undefined || own.configurable === true);

/** Why a page refused Lit's policy, and exactly what it must allow. */
export function refusalMessage(reason: string, hasDefaultPolicy: boolean): string {
  return `gws-chat: this page's Content-Security-Policy refuses the Trusted Types policy "${LIT_POLICY}" `
    + `that the chat elements render with (${reason}). Allow it: \`trusted-types ${LIT_POLICY}\` `
    + `(with 'allow-duplicates' when the page loads Lit more than once). `
    + (hasDefaultPolicy
      ? `Until then the elements render through the page's default policy.`
      : `Until then the elements cannot render: the page has no default policy either.`);
}

function createPolicy(name: string, rules: object): unknown {
  if (name !== LIT_POLICY) return factory!.createPolicy(name, rules);
  try {
    return factory!.createPolicy(name, rules);
  } catch (e) {
    console.error(refusalMessage(e instanceof Error ? e.message : String(e), Boolean(factory!.defaultPolicy)));
    return undefined;
  }
}

if (guarding) {
  const guarded = new Proxy(factory!, {
    get(target, key) {
      if (key === 'createPolicy') return createPolicy;
      // The factory's own methods and getters work on the factory only (not on the guard).
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  Object.defineProperty(globalThis, 'trustedTypes', { configurable: true, enumerable: own?.enumerable ?? true, get: () => guarded });
}

/** Gives the page its own `trustedTypes` back (Lit has loaded). */
export function releaseLitPolicyGuard(): void {
  if (!guarding) return;
  if (own) Object.defineProperty(globalThis, 'trustedTypes', own);
  else delete scope.trustedTypes;
}
