// The widget's pure parts: the loader's reading of a remembered chat agrees with what the
// engine writes (without loading it), the pre-chat rules, the transcript file, the texts.
import { expect } from '@open-wc/testing';
import { IDLE_LIMIT, forgetChat, rememberChat, rememberedChat } from '../../src/session/chat-memory.js';
import { sessionKey } from '../../src/session/storage.js';
import { CHAT } from '../../src/protocol/medium.js';
import { hasRememberedChat, rememberedChatKey } from '../../src/widget/remembered.js';
import { chosenFields, fieldError, startOptions } from '../../src/widget/prechat.js';
import { transcriptFileName, transcriptText } from '../../src/widget/transcript-file.js';
import { LAUNCHER, LAUNCHER_KEYS, launcherStrings, widgetLanguage } from '../../src/i18n/widget/launcher.js';
import { PANEL } from '../../src/i18n/widget/panel.js';
import type { ChatMessage } from '../../src/model/transcript.js';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('widget: the remembered chat, as the engine stores it', () => {
  const URLS = ['/gwsw/api/v2/notifications', 'https://gws.example.com/api/v2/notifications', 'notifications?x=1'];

  it('the same key as the engine, for relative and absolute endpoints', () => {
    for (const url of URLS) expect(rememberedChatKey(url), url).to.equal(sessionKey(url, CHAT.name));
  });

  it('a chat the engine remembers is found; a forgotten one is not', () => {
    for (const url of URLS) {
      expect(hasRememberedChat(url), `${url} before`).to.equal(false);
      rememberChat(url, CHAT, 'CHAT00000001');
      expect(hasRememberedChat(url), url).to.equal(true);
      forgetChat(url, CHAT, 'CHAT00000001');
      expect(hasRememberedChat(url), `${url} forgotten`).to.equal(false);
    }
  });

  it('a chat idle for longer than the engine keeps it is not resumed, like the engine', () => {
    const url = URLS[0]!;
    rememberChat(url, CHAT, 'CHAT00000002');
    const later = Date.now() + IDLE_LIMIT + 1000;
    expect(hasRememberedChat(url, later)).to.equal(false);
    expect(hasRememberedChat(url, Date.now() + IDLE_LIMIT - 1000)).to.equal(true);
    expect(rememberedChat(url, CHAT, later)).to.equal(null);
  });

  it('garbage under the key is no chat', () => {
    const url = URLS[0]!;
    for (const value of ['not json', '{"interactionId":""}', '{"interactionId":42}', 'null', '[]']) {
      localStorage.setItem(rememberedChatKey(url), value);
      expect(hasRememberedChat(url), value).to.equal(false);
    }
  });
});

describe('widget: the pre-chat rules', () => {
  it('the built-in fields chosen, in their order, unknown names ignored', () => {
    expect(chosenFields('subject nickname phone'.split(' '))).to.deep.equal(['nickname', 'subject']);
  });

  it('a name is required; an email, when given, must look like one', () => {
    expect(fieldError('nickname', '  ')).to.equal('nicknameMissing');
    expect(fieldError('nickname', 'Ada')).to.equal(null);
    expect(fieldError('email', '')).to.equal(null);
    for (const bad of ['ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com']) expect(fieldError('email', bad), bad).to.equal('emailInvalid');
    expect(fieldError('email', 'ada@example.com')).to.equal(null);
    expect(fieldError('subject', '')).to.equal(null);
  });

  it('RequestChat carries the nickname, the subject, and userData: EmailAddress and the host\'s fields', () => {
    expect(startOptions({ nickname: ' Ada ', email: 'ada@example.com', subject: 'Order' }, { OrderNumber: '1042' })).to.deep.equal({
      nickname: 'Ada', subject: 'Order', userData: { OrderNumber: '1042', EmailAddress: 'ada@example.com' },
    });
    // Nothing given: nothing sent (the chat's own defaults apply).
    expect(startOptions({ nickname: '', email: ' ' }, {})).to.deep.equal({});
  });
});

describe('widget: the transcript file', () => {
  const at = Date.UTC(2026, 11, 6, 9, 30, 0);
  const agent = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };
  const entry = (over: Partial<ChatMessage>): ChatMessage => ({
    key: String(Math.random()), index: 1, type: 'Text', from: agent, text: '', url: '', time: at, own: false, ...over,
  });

  it('one line per entry: time, sender, text (joins, own messages, links; line breaks kept on one line)', () => {
    const text = transcriptText([
      entry({ type: 'ParticipantJoined' }),
      entry({ text: 'Hello\nthere' }),
      entry({ own: true, from: { nickname: 'Ada', type: 'Customer', participantId: 'C1' }, text: 'Hi' }),
      entry({ type: 'PushUrl', url: 'https://example.com/help' }),
      entry({ type: 'Notice', from: null, text: 'Recorded.', time: null }),
      entry({ type: 'ParticipantLeft' }),
    ], PANEL.en, 'en-GB');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).to.equal(6);
    expect(lines[0]).to.match(/^\[06\/12\/2026, \d\d:30:00\] Marat: joined the chat$/);
    expect(lines[1]).to.match(/\] Marat: Hello there$/);
    expect(lines[2]).to.match(/\] You: Hi$/);
    expect(lines[3]).to.match(/\] Marat: https:\/\/example\.com\/help$/);
    expect(lines[4]).to.equal('Recorded.');
    expect(lines[5]).to.match(/\] Marat: left the chat$/);
  });

  it('named after the day', () => {
    expect(transcriptFileName(new Date(2026, 0, 5))).to.equal('chat-2026-01-05.txt');
  });
});

describe('widget: the texts', () => {
  it('every language has every loader text, none empty', () => {
    for (const [code, line] of Object.entries(LAUNCHER)) {
      const parts = line.split('|');
      expect(parts.length, code).to.equal(LAUNCHER_KEYS.length);
      for (const p of parts) expect(p.trim(), code).to.not.equal('');
      const s = launcherStrings(code as keyof typeof LAUNCHER);
      for (const key of LAUNCHER_KEYS) expect(s[key], `${code} ${key}`).to.equal(parts[LAUNCHER_KEYS.indexOf(key)]);
    }
  });

  it('every language has every panel text, none empty, the count placeholder in `unread`', () => {
    const keys = Object.keys(PANEL.en).sort();
    for (const [code, table] of Object.entries(PANEL)) {
      expect(Object.keys(table).sort(), code).to.deep.equal(keys);
      for (const [key, text] of Object.entries(table)) expect(text.trim(), `${code} ${key}`).to.not.equal('');
      expect(table.unread, code).to.contain('#');
    }
  });

  it('a language tag picks its language, else English', () => {
    expect(widgetLanguage('pt-BR')).to.equal('pt');
    expect(widgetLanguage('AR')).to.equal('ar');
    expect(widgetLanguage('ja_JP')).to.equal('ja');
    expect(widgetLanguage('sv')).to.equal('en');
    expect(widgetLanguage(null)).to.equal('en');
  });
});
