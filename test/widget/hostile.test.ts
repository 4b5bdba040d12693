// <gws-chat-widget> tried as a hostile tester would: the page changing its title meanwhile,
// two widgets on one page, attributes changed after load, the host's own fields and Enter,
// focus when the panel closes or a chat restarts, hostile text in the form and the
// transcript file, storage that refuses, absurd invitation delays.
import { expect } from '@open-wc/testing';
import { transcriptText } from '../../src/widget/transcript-file.js';
import { PANEL } from '../../src/i18n/widget/panel.js';
import type { ChatMessage } from '../../src/model/transcript.js';
import { closePages } from './support.js';

afterEach(() => closePages());

describe('<gws-chat-widget> hostile: the transcript file', () => {
  const agentP = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };
  const entry = (over: Partial<ChatMessage>): ChatMessage => ({
    key: String(Math.random()), index: 1, type: 'Text', from: agentP, text: '', url: '', time: Date.UTC(2026, 11, 6, 9, 30), own: false, ...over,
  });

  it('holds no control characters (a terminal\'s escape sequences, other line breaks): one line per entry', () => {
    const text = transcriptText([
      entry({ text: '\x1b[2J\x1b]0;owned\x07cleared' }),
      entry({ text: 'a\vb\fc\x85d\x00e\x7f' }),
      entry({ from: { ...agentP, nickname: 'Ma\x1b[8mrat' }, text: 'hi\tthere' }),
    ], PANEL.en, 'en-GB');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).to.equal(3);
    for (const line of lines) expect(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(line), JSON.stringify(line)).to.equal(false);
    expect(lines[0]).to.match(/Marat: \[2J\]0;ownedcleared$|Marat: .*cleared$/);
    expect(lines[2]).to.contain('hi\tthere');
  });

  it('a bidi override in a name or a text does not spill over the rest of its line', () => {
    const [line] = transcriptText([
      entry({ from: { ...agentP, nickname: 'evil\u202Etxt.exe' }, text: 'Hello \u202Dforced' }),
    ], PANEL.en, 'en-GB').trimEnd().split('\n');
    // Every override or embedding opened in a field is closed before the field ends: each
    // field in an isolate (FSI … PDI), which ends whatever was opened inside it.
    expect(line).to.contain('\u2068evil\u202Etxt.exe\u2069: ');
    expect(line!.endsWith('\u2068Hello \u202Dforced\u2069')).to.equal(true);
    // Plain text stays plain: no isolate where nothing needs one.
    const [plain] = transcriptText([entry({ text: 'Hello' })], PANEL.en, 'en-GB').split('\n');
    expect(plain).to.not.match(/[\u2066-\u2069]/);
  });
});

