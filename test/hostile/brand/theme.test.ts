// Hostile: brand themes as real hosts write them (the README's own example), dark mode, contrast.
import { expect, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/gws-chat.js';
import { agent, waitFor } from '../../support/gws.js';
import { conversation as twoLines } from '../../support/views.js';
import { expectNoAxeViolations } from '../../support/a11y.js';
import { part, parts } from '../../support/parts.js';


afterEach(async () => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
  document.querySelectorAll('style[data-brand]').forEach((s) => s.remove());
});

function rgb(c: string): number[] { return c.match(/[\d.]+/g)!.slice(0, 3).map(Number); }
function lum([r, g, b]: number[]): number {
  const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
}
function contrast(a: string, b: string): number {
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const conversation = (theme = 'auto') => twoLines({ theme });

function brand(cssText: string) {
  const s = document.createElement('style');
  s.dataset.brand = '';
  s.textContent = cssText;
  document.head.append(s);
}

describe('hostile brand: themes', function () {
  this.timeout(30_000);

  it('the README "Themes" example stays readable for a visitor in dark mode (theme="auto")', async () => {
    // Verbatim from README.md, section Themes.
    brand(`gws-chat {
      --gws-chat-accent-color: #00695c;
      --gws-chat-bubble-background: #e0f2f1;
      --gws-chat-bubble-text-color: #1f2328;
      --gws-chat-radius: 18px;
    }
    gws-chat::part(header) { background: #00695c; color: #fff; }`);
    const { el } = await conversation();
    await emulateMedia({ colorScheme: 'dark' });
    const other = parts(el, 'message-text').find((m) => !m.matches('[part~="message-own"]'))!;
    const cs = getComputedStyle(other);
    const ratio = contrast(cs.color, cs.backgroundColor);
    expect(ratio, `agent bubble text ${cs.color} on ${cs.backgroundColor}`).to.be.at.least(4.5);
    await expectNoAxeViolations(el, 'README example, dark visitor');
  });

  for (const theme of ['light', 'dark']) {
    it(`${theme}: the message input's edge is visible (WCAG 1.4.11, 3:1 against the background)`, async () => {
      const { el } = await conversation(theme);
      const input = getComputedStyle(part(el, 'input')!);
      const bg = getComputedStyle(el).backgroundColor;
      const ratio = contrast(input.borderTopColor, bg);
      expect(ratio, `input border ${input.borderTopColor} on ${bg}`).to.be.at.least(3);
    });
  }

  it('dark: a notice with a link and a pushed URL pass axe (links in system lines)', async () => {
    const { el, id } = await conversation('dark');
    await agent(id, 'notice', { text: 'Read https://example.com/privacy first.' });
    await agent(id, 'push-url', { url: 'https://example.com/orders/1042' });
    await waitFor(() => el.messages.length >= 4);
    await el.updateComplete;
    await expectNoAxeViolations(el, 'dark links');
  });

  it('theme="Dark" (a host typo in case) or theme="night" still gives a defined theme: the property says what is applied', async () => {
    const { el } = await conversation('Dark');
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(el).backgroundColor, 'theme="Dark" ignored').to.equal('rgb(13, 17, 23)');
  });
});
