import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { chatClock, ClockController } from '../../../src/elements/clock-controller.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';

/** A throwaway host: counts its renders; the clock runs on a hand-moved scheduler. */
class ClockHost extends LitElement {
  static override properties = { active: { type: Boolean } };
  declare active: boolean;
  renders = 0;
  readonly scheduler = new FakeScheduler();

  constructor() {
    super();
    this.active = false;
    new ClockController(this, { active: () => this.active, scheduler: this.scheduler });
  }

  protected override render() {
    this.renders++;
    return html`${this.renders}`;
  }
}
customElements.define('test-clock-host', ClockHost);

afterEach(() => fixtureCleanup());

/** Runs the due tick (at most a second away) and waits for the render it asks for. */
async function tick(el: ClockHost): Promise<void> {
  el.scheduler.advance(1005);
  await el.updateComplete;
}

describe('ClockController', () => {
  it('upgrades its throwaway host', async () => {
    const el = await fixture<ClockHost>(html`<test-clock-host></test-clock-host>`);
    expect(el).to.be.instanceOf(ClockHost);
    expect(el.renders).to.equal(1);
  });

  it('re-renders the host once a second while active, with one timer at a time', async () => {
    const el = await fixture<ClockHost>(html`<test-clock-host active></test-clock-host>`);
    expect(el.scheduler.pending).to.equal(1);
    for (let i = 1; i <= 3; i++) {
      await tick(el);
      expect(el.renders, `after tick ${i}`).to.equal(1 + i);
      expect(el.scheduler.pending, `timers after tick ${i}`).to.equal(1);
    }
    // Every tick is due at the next second boundary: never more than a second away.
    expect(el.scheduler.delays.every((ms) => ms > 0 && ms <= 1005), `delays ${el.scheduler.delays}`).to.equal(true);
    // Renders for other reasons do not add timers.
    el.requestUpdate();
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.scheduler.pending).to.equal(1);
    await tick(el);
    expect(el.renders).to.equal(7);
  });

  it('sets no timer while inactive, and stops after the tick that finds it inactive', async () => {
    const el = await fixture<ClockHost>(html`<test-clock-host></test-clock-host>`);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.scheduler.pending).to.equal(0);
    el.active = true;
    await el.updateComplete;
    expect(el.scheduler.pending).to.equal(1);
    el.active = false;
    await el.updateComplete;
    const renders = el.renders;
    await tick(el);
    expect(el.renders).to.equal(renders + 1);
    expect(el.scheduler.pending).to.equal(0);
    el.scheduler.advance(10_000);
    await el.updateComplete;
    expect(el.renders).to.equal(renders + 1);
  });

  it('leaves no timer behind when the host is removed', async () => {
    const el = await fixture<ClockHost>(html`<test-clock-host active></test-clock-host>`);
    expect(el.scheduler.pending).to.equal(1);
    el.remove();
    expect(el.scheduler.pending).to.equal(0);
    const renders = el.renders;
    el.scheduler.advance(10_000);
    await el.updateComplete;
    expect(el.renders).to.equal(renders);
  });

  it('ticks again when the host is put back (moved in the page)', async () => {
    const el = await fixture<ClockHost>(html`<test-clock-host active></test-clock-host>`);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(el.scheduler.pending).to.equal(1);
    const renders = el.renders;
    await tick(el);
    expect(el.renders).to.equal(renders + 1);
  });
});

/** A host whose chat clock counts down to `countdown` and expires a notice at `expiry` (epoch ms). */
class ChatClockHost extends LitElement {
  countdown: number | null = null;
  expiry: number | null = null;
  readonly scheduler = new FakeScheduler();

  constructor() {
    super();
    chatClock(this, {
      countdowns: () => (this.countdown === null ? [] : [this.countdown]),
      expiries: () => (this.expiry === null ? [] : [this.expiry]),
      scheduler: this.scheduler,
    });
  }

  protected override render() {
    return html`clock`;
  }
}
customElements.define('test-chat-clock-host', ChatClockHost);

describe('chatClock', () => {
  it('ticks at the next whole second of a countdown, and at a notice\'s expiry when sooner', async () => {
    const el = document.createElement('test-chat-clock-host') as ChatClockHost;
    el.countdown = Date.now() + 10_400;
    el.expiry = Date.now() + 200;
    document.body.append(el);
    try {
      await el.updateComplete;
      const [wait] = el.scheduler.delays;
      expect(wait).to.be.within(150, 210);
    } finally {
      el.remove();
    }
  });

  it('ignores a notice that has expired: a countdown still ticks once a second, not every few ms', async () => {
    const el = document.createElement('test-chat-clock-host') as ChatClockHost;
    el.countdown = Date.now() + 10_400;
    el.expiry = Date.now() - 60_000;
    document.body.append(el);
    try {
      await el.updateComplete;
      const [wait] = el.scheduler.delays;
      expect(wait).to.be.within(300, 1005);
    } finally {
      el.remove();
    }
  });

  it('does not tick with nothing timed on screen', async () => {
    const el = document.createElement('test-chat-clock-host') as ChatClockHost;
    el.expiry = Date.now() - 1;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.scheduler.delays).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });
});
