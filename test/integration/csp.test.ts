// Both builds under the strict Content-Security-Policy the product promises to work with:
// default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';
// require-trusted-types-for 'script'. The pages (test/csp/) are served with that header;
// the element connects, renders a message, and not one violation is reported.
import { expect } from '@open-wc/testing';
import { AGENT, CHAT_TOPIC, chatLog, publish, uniqueId, waitFor, wireMessage } from '../support/gws.js';

interface PageMessage {
  source: string;
  type: 'connected' | 'message' | 'report';
  text?: string;
  rendered?: string | null;
  enforced?: boolean;
  violations?: string[];
  defined?: boolean;
}

async function runUnderCsp(page: 'script' | 'esm'): Promise<void> {
  const id = uniqueId('CSP');
  const seen: PageMessage[] = [];
  const listener = (e: MessageEvent<PageMessage>) => {
    if (e.origin === location.origin && e.data?.source === 'csp-page') seen.push(e.data);
  };
  window.addEventListener('message', listener);
  const frame = document.createElement('iframe');
  frame.src = `/csp/${page}.html?id=${id}`;
  document.body.append(frame);
  try {
    await waitFor(() => seen.some((m) => m.type === 'connected'), `the ${page} page never connected`, { timeout: 10_000 });
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Hello under CSP <b>inert</b>' })]));
    await waitFor(() => seen.some((m) => m.type === 'message'), 'no message rendered');
    expect(seen.find((m) => m.type === 'message')!.rendered).to.equal('Hello under CSP <b>inert</b>');
    frame.contentWindow!.postMessage('report', location.origin);
    await waitFor(() => seen.some((m) => m.type === 'report'));
    const report = seen.find((m) => m.type === 'report')!;
    expect(report.enforced, 'the page must really be under the policy').to.equal(true);
    expect(report.defined).to.equal(true);
    expect(report.violations).to.deep.equal([]);
  } finally {
    window.removeEventListener('message', listener);
    frame.remove();
  }
}

describe('strict Content-Security-Policy', function () {
  this.timeout(30_000);

  it('the script-tag bundle works with no violation', () => runUnderCsp('script'));

  it('the ES module build works with no violation', () => runUnderCsp('esm'));
});
