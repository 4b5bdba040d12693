/**
 * Loads Lit's template engine under a guard, so that a page whose Content-Security-Policy
 * refuses Lit's Trusted Types policy (`trusted-types 'none'`, an allow-list without
 * `lit-html`) still gets the elements defined, and a `console.error` that names what to
 * allow, instead of an exception that stops the whole bundle. Every element module that
 * loads Lit imports this module first.
 */
import { releaseLitPolicyGuard } from './lit-policy-guard.js';
// Lit creates its policy here, while the guard is up.
import 'lit/html.js';

releaseLitPolicyGuard();
