// The stakeholder demo end to end, as a user meets it: the demo server started as a user
// starts it (`node demo/server.mjs`, what `npm start` runs after its build; the test run's
// pretest built already), on a free port; the shop and the agent console opened in a second
// headless Chromium (puppeteer-core). Each step acts as the customer or the agent and answers
// what either of them can see; test/demo/demo.test.ts asserts on it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ARGS, TIMEOUT, WAIT, click, clickText, find, press, startServer, type, watchErrors } from './demo-browser.mjs';

/** Every page of the demo, as the index links them. */
export const PAGES = ['/', '/shop.html', '/bike.html', '/service.html', '/about.html', '/agent.html', '/facebook.html', '/gallery.html', '/elements.html'];

/** The sizes every page is checked at: a phone, and 1280 × 800 at 200 % zoom. */
const SIZES = { phone: [390, 844, '390 px'], zoom: [640, 400, '200 % zoom of 1280 × 800'] };
const CHAT = 'document.querySelector("gws-chat-widget").chat';

/** @type {{ server: import('node:child_process').ChildProcess, base: string, startupMs: number, browser: import('puppeteer-core').Browser, shop: import('puppeteer-core').Page, console: import('puppeteer-core').Page, downloads: string, errors: Map<string, { phase: string, text: string }[]>, phase: string } | null} */
let run = null;

async function openPage(path, name, { width = 1280, height = 800, context = run.browser.defaultBrowserContext() } = {}) {
  const page = await context.newPage();
  await page.setViewport({ width, height });
  page.setDefaultTimeout(TIMEOUT);
  const list = run.errors.get(name) ?? [];
  run.errors.set(name, list);
  await watchErrors(page, list, () => run?.phase ?? 'closing');
  await page.goto(`${run.base}${path}`, { waitUntil: 'load' });
  return page;
}

/** The text of the customer's chat (inside the widget's panel), as shown. */
const customerText = (page) => page.evaluate(`${CHAT}?.shadowRoot.querySelector('[part="log"]')?.innerText ?? ''`);
/** Waits until the customer's chat shows `text`. */
const customerSees = (page, text) => page.waitForFunction((t) => {
  const log = document.querySelector('gws-chat-widget').chat?.shadowRoot.querySelector('[part="log"]');
  return log?.innerText.includes(t);
}, WAIT, text);
/** Waits until the console's conversation shows `text`. */
const agentSees = (page, text) => page.waitForFunction((t) => document.getElementById('log').innerText.includes(t), WAIT, text);

const steps = {
  async start() {
    const { server, base, startupMs } = await startServer();
    const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ARGS });
    const downloads = await mkdtemp(join(tmpdir(), 'gws-demo-'));
    run = { server, base, startupMs, browser, downloads, errors: new Map(), phase: 'normal use' };
    run.console = await openPage('/agent.html', 'agent (the conversation)');
    run.shop = await openPage('/shop.html', 'shop (the conversation)');
    return { startupMs };
  },

  /** The customer starts a chat through the pre-chat form; the auto-agent greets; the console lists the chat. */
  async prechat() {
    const { shop, console: agent } = run;
    await click(shop, 'gws-chat-widget >>> [part="launcher"]');
    await type(shop, 'gws-chat-widget >>> input[name="nickname"]', 'Ada');
    await click(shop, 'gws-chat-widget >>> [part="start-button"]');
    const listed = await agent.waitForFunction(() => [...document.querySelectorAll('#chat-list button')].find((b) => b.textContent.includes('Ada'))?.textContent, WAIT);
    // The list is redrawn on every change: click the button as it is now.
    await agent.evaluate(() => [...document.querySelectorAll('#chat-list button')].find((b) => b.textContent.includes('Ada')).click());
    await customerSees(shop, 'How may I help you?');
    await agentSees(agent, 'How may I help you?');
    return {
      listed: await listed.jsonValue(),
      autoAgent: await agent.$eval('#auto-agent', (e) => e.textContent),
      customerShows: await customerText(shop),
    };
  },

  /** Typing both ways: the console sees the customer type; the customer sees the agent type after the handover. */
  async typing() {
    const { shop, console: agent } = run;
    const input = 'gws-chat-widget >>> gws-chat >>> [part="input"]';
    await type(shop, input, 'Where is my ord');
    await agent.waitForFunction(() => document.getElementById('typing').textContent.includes('Ada is typing'), WAIT);
    const customerTyping = await agent.$eval('#typing', (e) => e.textContent);
    await shop.keyboard.type('er 4411?');
    await shop.keyboard.press('Enter');
    await agentSees(agent, 'Where is my order 4411?');
    // A person sends: the auto-agent hands over.
    await type(agent, '#reply', 'Hi Ada, Ines here, I take over from Marat.');
    await clickText(agent, 'Send');
    await customerSees(shop, 'Ines here');
    await agent.waitForFunction(() => document.getElementById('auto-agent').textContent.includes('took this chat over'), WAIT);
    const handover = await agent.$eval('#auto-agent', (e) => e.textContent);
    await type(agent, '#reply', 'Let me look');
    const agentTyping = await shop.waitForFunction(() => {
      // Names are set apart by Unicode isolates (U+2066…U+2069), as the element shows them.
      const t = document.querySelector('gws-chat-widget').chat.shadowRoot.querySelector('[part="typing"]').textContent.replace(/[\u2066-\u2069]/g, '');
      return t.includes('Ines is typing') && t;
    }, WAIT);
    return { customerTyping, handover, agentTypingShown: (await agentTyping.jsonValue()).trim() };
  },

  /** An agent-only message: the console shows it marked; the customer never does, even after a later line arrived. */
  async agentOnly() {
    const { shop, console: agent } = run;
    await type(agent, '#reply', ' (a note for agents: refund history checked, all fine)');
    await clickText(agent, 'Send to agents only');
    await agent.waitForFunction(() => [...document.querySelectorAll('#log li.agents-only')].some((li) => li.textContent.includes('refund history')), WAIT);
    const marked = await agent.$$eval('#log li.agents-only', (lis) => lis.map((li) => li.textContent));
    await type(agent, '#reply', 'It left our workshop this morning.');
    await agent.keyboard.press('Enter');
    await customerSees(shop, 'left our workshop');
    return {
      marked,
      customerShows: await customerText(shop),
      customerHolds: await shop.evaluate(`${CHAT}.messages.map((m) => m.text ?? '').join('\\n')`),
    };
  },

  /** A pushed URL: the customer gets a link to it. */
  async pushUrl() {
    const { shop, console: agent } = run;
    await clickText(agent, 'Push URL');
    const href = await shop.waitForFunction(() => [...document.querySelector('gws-chat-widget').chat.shadowRoot.querySelectorAll('[part="log"] a')]
      .map((a) => a.href).find((h) => h.includes('/track/4411')), WAIT);
    return { href: await href.jsonValue() };
  },

  /** The customer moves to another page of the site: the widget there shows the same chat, open. */
  async nextPage() {
    const { shop } = run;
    await click(shop, 'a[href="/bike.html"]');
    await shop.waitForFunction(() => location.pathname === '/bike.html' && document.readyState === 'complete', WAIT);
    await customerSees(shop, 'It left our workshop this morning.');
    await shop.waitForFunction(`${CHAT}.connectionState === 'connected'`, WAIT);
    return {
      page: await shop.evaluate(() => document.title),
      opened: await shop.evaluate(() => document.querySelector('gws-chat-widget').opened),
      sameChat: await shop.evaluate(`${CHAT}.messages.filter((m) => m.text === 'Where is my order 4411?').length`),
    };
  },

  /** Every connection dropped; a message from each side meanwhile; both arrive once. */
  async drop() {
    const { shop, console: agent } = run;
    run.phase = 'fault';
    await clickText(agent, 'Drop every connection');
    await agent.waitForFunction(() => document.getElementById('server').textContent.includes('dropped'), WAIT);
    const banner = await agent.$eval('#server', (e) => e.textContent);
    await shop.waitForFunction(`${CHAT}.connectionState !== 'connected'`, WAIT);
    const customerStatus = await shop.evaluate(`${CHAT}.shadowRoot.querySelector('[part="status"]').innerText`);
    await type(shop, 'gws-chat-widget >>> gws-chat >>> [part="input"]', 'Sent while the line was down');
    await shop.keyboard.press('Enter');
    await type(agent, '#reply', 'Written while you were offline');
    await agent.keyboard.press('Enter');
    const wasConnected = await shop.evaluate(`${CHAT}.connectionState`);
    return { banner, customerStatus, stateWhenSent: wasConnected };
  },

  /**
   * Whether both lines written while the line was down arrived (asked again until they have:
   * a server command must answer within 20 s), and how many times each shows.
   */
  async dropSettled() {
    const { shop, console: agent } = run;
    const count = (text, t) => text.split(t).length - 1;
    const customer = await customerText(shop);
    const agentLog = await agent.$eval('#log', (e) => e.innerText);
    const delivered = await shop.evaluate(`${CHAT}.connectionState === 'connected' && ${CHAT}.messages.some((m) => m.own && m.text === 'Sent while the line was down')`);
    const done = delivered && customer.includes('Written while you were offline') && agentLog.includes('Sent while the line was down');
    if (done) run.phase = 'normal use';
    return {
      done,
      agentCopies: count(agentLog, 'Sent while the line was down'),
      customerCopies: count(customer, 'Written while you were offline'),
      customerOwnCopies: count(customer, 'Sent while the line was down'),
    };
  },

  /** The console's faults of one chat: an Error notification, a duplicate replay, out-of-order delivery. */
  async faults() {
    const { shop, console: agent } = run;
    run.phase = 'fault';
    await click(agent, '.chat-faults summary');
    await clickText(agent, 'Send an Error notification');
    const error = await shop.waitForFunction(() => document.querySelector('gws-chat-widget').chat.shadowRoot.querySelector('[part="error"]')?.innerText, WAIT);
    const before = await shop.evaluate(`${CHAT}.messages.length`);
    await clickText(agent, 'Replay the last entries');
    await type(agent, '#reply', 'After the replay');
    await press(agent, 'Enter');
    await customerSees(shop, 'After the replay');
    const added = (await shop.evaluate(`${CHAT}.messages.length`)) - before;
    await clickText(agent, 'Deliver two lines out of order');
    await customerSees(shop, '(1 of 2)');
    await customerSees(shop, '(2 of 2)');
    const text = await customerText(shop);
    const inOrder = text.indexOf('(1 of 2)') < text.indexOf('(2 of 2)');
    return { error: (await error.jsonValue()).trim(), added, inOrder };
  },

  /** The server restarts for 8 s; the customer writes meanwhile. */
  async restart() {
    const { shop, console: agent } = run;
    run.phase = 'fault';
    await clickText(agent, 'Restart the server (8 s)');
    await shop.waitForFunction(`${CHAT}.connectionState !== 'connected'`, WAIT);
    await type(shop, 'gws-chat-widget >>> gws-chat >>> [part="input"]', 'Held while the server restarted');
    await press(shop, 'Enter');
    return { heldWhile: await shop.evaluate(`${CHAT}.pendingMessages.map((m) => m.text)`) };
  },

  /** Whether the line held through the restart reached the agent and left the customer's outbox (asked again until it has). */
  async restartSettled() {
    const { shop, console: agent } = run;
    const arrived = await agent.$eval('#log', (e) => e.innerText.includes('Held while the server restarted'));
    const sent = await shop.evaluate(`${CHAT}.connectionState === 'connected' && ${CHAT}.pendingMessages.length === 0`);
    if (arrived && sent) run.phase = 'normal use';
    return { done: arrived && sent };
  },

  /** The agent ends the chat; the customer downloads the transcript. */
  async end() {
    const { shop, console: agent } = run;
    await clickText(agent, 'End chat');
    await find(shop, 'gws-chat-widget >>> [part="transcript-button"]');
    const cdp = await shop.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: run.downloads, eventsEnabled: true });
    const done = new Promise((resolve) => cdp.on('Browser.downloadProgress', (e) => e.state === 'completed' && resolve(e)));
    await click(shop, 'gws-chat-widget >>> [part="transcript-button"]');
    await done;
    const [file] = await readdir(run.downloads);
    return { file, transcript: await readFile(join(run.downloads, file), 'utf8') };
  },

  /** The Facebook page, driven from the console: the unread count, a reply shown by `<gws-facebook-session>`. */
  async facebook() {
    const { console: agent } = run;
    const fb = await openPage('/facebook.html', 'facebook (the conversation)');
    const element = 'document.getElementById("facebook")';
    const session = async () => {
      await fb.waitForFunction(`${element}.connectionState === 'connected' && ${element}.state === 'Chatting'`, WAIT);
      return fb.evaluate(`${element}.interactionId`);
    };
    // The console opens the first session (Ada's chat is over); a second one comes in beside it.
    const first = await session();
    await agent.waitForFunction((id) => document.querySelector(`#chat-list button[data-chat-id="${id}"][aria-current="true"]`), WAIT, first);
    await click(fb, '#new-session');
    await fb.waitForFunction(`${element}.interactionId !== ${JSON.stringify(first)}`, WAIT);
    const second = await session();
    const button = `#chat-list button[data-chat-id="${second}"]`;
    await type(fb, '#facebook >>> [part="input"]', 'Hi, is the city bike in stock?');
    await press(fb, 'Enter');
    const badge = await agent.waitForFunction((b) => document.querySelector(b)?.querySelector('.unread')?.textContent, WAIT, button);
    const unread = await badge.jsonValue();
    // The agent comes back to the console (it counts while hidden) and opens the session.
    await agent.bringToFront();
    await click(agent, button);
    await agentSees(agent, 'is the city bike in stock?');
    await agent.waitForFunction((b) => document.visibilityState === 'visible' && !document.querySelector(b).querySelector('.unread'), WAIT, button);
    const unreadAfter = await agent.$eval(button, (b) => b.querySelector('.unread')?.textContent ?? null);
    await type(agent, '#reply', 'Yes, in three sizes.');
    await press(agent, 'Enter');
    // The customer looks at Messenger again (a page behind another draws its log later).
    await fb.bringToFront();
    await fb.waitForFunction(() => document.getElementById('facebook').shadowRoot.querySelector('[part="log"]').innerText.includes('Yes, in three sizes.'), WAIT);
    await fb.close();
    return { unread, unreadAfter };
  },

  /** At 390 px: no page scrolls sideways; the console's Reply and Send and the chat's Send are on screen. */
  async geometry(size) {
    const results = {};
    // A visitor of its own: nothing stored by the conversation's tab.
    const context = await run.browser.createBrowserContext();
    const [width, height, label] = SIZES[size];
    {
      for (const path of PAGES) {
        const page = await openPage(path, `${path} at ${label}`, { width, height, context });
        if (path === '/agent.html') {
          await click(page, '#chat-list button');
          await page.$eval('#reply', (e) => e.scrollIntoView({ block: 'center' }));
        }
        if (path === '/shop.html') {
          await click(page, 'gws-chat-widget >>> [part="launcher"]');
          await find(page, 'gws-chat-widget >>> [part="start-button"]');
        }
        results[`${path} at ${label}`] = await page.evaluate((agentPage) => {
          // On screen once scrolled to, as a person scrolls (the page, or the panel's form).
          const inView = (el) => {
            if (!el) return 'missing';
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            const r = el.getBoundingClientRect();
            return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && r.width > 0 ? 'visible' : `off screen ${JSON.stringify(r)}`;
          };
          const widget = document.querySelector('gws-chat-widget');
          return {
            overflow: document.documentElement.scrollWidth - innerWidth,
            ...(agentPage ? { reply: inView(document.getElementById('reply')), send: inView(document.querySelector('#reply-form [type=submit]')) } : {}),
            ...(widget?.opened ? { start: inView(widget.shadowRoot.querySelector('[part="start-button"]')) } : {}),
          };
        }, path === '/agent.html');
        await page.close();
      }
    }
    await context.close();
    return results;
  },

  /** What each page's console showed red. */
  async errors() {
    return Object.fromEntries(run.errors);
  },

  async stop() {
    if (!run) return true;
    const { browser, server, downloads } = run;
    run = null;
    await browser.close().catch(() => {});
    server.kill('SIGTERM');
    await rm(downloads, { recursive: true, force: true });
    return true;
  },
};

/**
 * Runs one step (`start` first, `stop` last) with its argument; answers what it saw. Each
 * answers within 20 s (web-test-runner's limit for a server command): what takes longer is
 * a step that acts and a `…Settled` step the test asks again until it is done.
 */
export async function demoStep(name, arg) {
  if (!Object.hasOwn(steps, name)) throw new Error(`no demo step ${name}`);
  if (name !== 'start' && name !== 'stop' && !run) throw new Error('the demo was not started');
  return steps[name](arg);
}
