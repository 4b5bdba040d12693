// The ES module build under a strict CSP, then the same host page as the script-tag test.
import '/dist/gws-chat.esm.min.js';
import '/test/csp/page.js';
