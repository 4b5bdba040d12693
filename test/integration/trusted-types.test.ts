// Both builds on pages whose Content-Security-Policy enforces Trusted Types with an
// allow-list (test/csp/ pages served with `?tt=`, see web-test-runner.config.mjs):
// `trusted-types lit-html`, what the README tells a site to allow, works with no violation;
// an allow-list without it (`'none'`, only `default`) still gets the elements defined and
// one console error that names `trusted-types lit-html`, and with a default policy the
// element still renders through it.
import { expect } from '@open-wc/testing';
import { AGENT, CHAT_TOPIC, chatLog, publish, uniqueId, waitFor, wireMessage } from '../support/gws.js';

interface PageMessage {
  source: string;
  type: 'connected' | 'message' | 'report';
  text?: string;
  rendered?: string | boolean | null;
  enforced?: boolean;
  violations?: string[];
  defined?: boolean;
  consoleErrors?: string[];
}

type Build = 'script' | 'esm';
type AllowList = 'lit' | 'none' | 'default';

/** Opens the page of `build` under allow-list `tt`, lets an agent's message arrive, and returns what the page saw. */
async function underAllowList(build: Build, tt: AllowList): Promise<{ message: PageMessage | undefined; report: PageMessage }> {
  const id = uniqueId('TT');
  const seen: PageMessage[] = [];
  const listener = (e: MessageEvent<PageMessage>) => {
    if (e.origin === location.origin && e.data?.source === 'csp-page') seen.push(e.data);
  };
  window.addEventListener('message', listener);
  const frame = document.createElement('iframe');
  frame.src = `/csp/${build}.html?id=${id}&tt=${tt}`;
  document.body.append(frame);
  try {
    await waitFor(() => seen.some((m) => m.type === 'connected'), `the ${build} page (tt=${tt}) never connected`, { timeout: 10_000 });
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Hello <b>inert</b>' })]));
    // A page that renders says so; one that cannot is asked once the message had its chance.
    if (tt !== 'none') await waitFor(() => seen.some((m) => m.type === 'message'), 'no message rendered');
    frame.contentWindow!.postMessage('report', location.origin);
    await waitFor(() => seen.some((m) => m.type === 'report'));
    return { message: seen.find((m) => m.type === 'message'), report: seen.find((m) => m.type === 'report')! };
  } finally {
    window.removeEventListener('message', listener);
    frame.remove();
  }
}

const refusal = (errors: string[] | undefined) => (errors ?? []).filter((e) => e.includes('trusted-types lit-html'));

for (const build of ['script', 'esm'] as const) {
  describe(`Trusted Types allow-lists (${build} build)`, function () {
    this.timeout(30_000);

    it('`trusted-types lit-html` (what the README says to allow): works, no violation, no error', async () => {
      const { message, report } = await underAllowList(build, 'lit');
      expect(report.enforced, 'the page must really be under the policy').to.equal(true);
      expect(report.defined).to.equal(true);
      expect(message?.rendered).to.equal('Hello <b>inert</b>');
      expect(report.violations).to.deep.equal([]);
      expect(report.consoleErrors).to.deep.equal([]);
    });

    it("`trusted-types 'none'`: the element is still defined, and one console error names `trusted-types lit-html`", async () => {
      const { report } = await underAllowList(build, 'none');
      expect(report.enforced).to.equal(true);
      expect(report.defined, 'the element is defined').to.equal(true);
      expect(refusal(report.consoleErrors), 'the console says what to allow').to.have.length(1);
      expect(refusal(report.consoleErrors)[0]).to.include('no default policy');
      // Nothing can be rendered without a policy: nothing half-rendered is shown either.
      expect(report.rendered).to.equal(false);
    });

    it('an allow-list of only `default`, with a default policy: renders through it, one console error', async () => {
      const { message, report } = await underAllowList(build, 'default');
      expect(report.defined).to.equal(true);
      expect(message?.rendered).to.equal('Hello <b>inert</b>');
      expect(refusal(report.consoleErrors)).to.have.length(1);
      expect(refusal(report.consoleErrors)[0]).to.include("render through the page's default policy");
      // The refused policy is the only violation.
      expect(report.violations!.filter((v) => !v.startsWith('trusted-types '))).to.deep.equal([]);
    });
  });
}
