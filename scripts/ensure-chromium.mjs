// Makes sure the tests have a browser: Debian's Chromium at /usr/bin/chromium (or the one
// CHROME_PATH names). On a fresh Debian machine, as root, it installs the `chromium`
// package; anywhere else it says what to do. Tools here never download a browser.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (process.env.CHROME_PATH || !isRoot || !hasApt) {
  console.error(`No Chromium at ${wanted}.`);
  console.error('Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chrome/Chromium binary.');
  process.exit(1);
}

console.log('Chromium is missing: installing Debian\'s `chromium` package (about 30 s)…');
const run = (args) => spawnSync('apt-get', args, {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (run(['update', '-qq']).status !== 0 || run(['install', '-y', '-qq', 'chromium']).status !== 0 || !existsSync(wanted)) {
  console.error('Installing chromium failed; install it by hand or set CHROME_PATH.');
  process.exit(1);
}
console.log('Chromium installed.');
