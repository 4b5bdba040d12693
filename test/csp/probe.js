// Loaded first in the strict-CSP pages: records every CSP violation and console error, and
// proves the policy is in force (eval must be refused) before the element is loaded.
window.cspViolations = [];
window.consoleErrors = [];
const consoleError = console.error.bind(console);
console.error = (...args) => {
  window.consoleErrors.push(args.map(String).join(' '));
  consoleError(...args);
};
window.cspEnforced = (() => {
  try {
    // eslint-disable-next-line no-eval
    (0, eval)('1');
    return false;
  } catch {
    return true;
  }
})();
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
