import { expect } from '@open-wc/testing';
import { safeHref, splitLinks, type TextRun } from '../../src/model/links.js';

const links = (runs: TextRun[]) => runs.filter((r) => r.href !== undefined);
/** The runs joined back together must give the original text. */
const joined = (runs: TextRun[]) => runs.map((r) => r.text).join('');

describe('safeHref', () => {
  it('accepts absolute http and https URLs, normalised', () => {
    expect(safeHref('https://example.com')).to.equal('https://example.com/');
    expect(safeHref('http://example.com/a?b=c#d')).to.equal('http://example.com/a?b=c#d');
    expect(safeHref('  HTTPS://EXAMPLE.COM/Path  ')).to.equal('https://example.com/Path');
  });

  it('rejects every other scheme', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/',
      'mailto:a@example.com',
      'blob:https://example.com/uuid',
    ]) {
      expect(safeHref(bad), bad).to.equal(null);
    }
  });

  it('rejects relative and protocol-relative URLs and non-URLs', () => {
    for (const bad of ['/path', 'path/page.html', '//evil.example.com/x', '?q=1', '#top', '', 'http://', 'not a url']) {
      expect(safeHref(bad), bad).to.equal(null);
    }
  });
});

describe('splitLinks', () => {
  it('gives one plain run for text without a URL', () => {
    expect(splitLinks('Hello World')).to.deep.equal([{ text: 'Hello World' }]);
    expect(splitLinks('')).to.deep.equal([{ text: '' }]);
  });

  it('turns an http URL inside text into a link run', () => {
    const runs = splitLinks('see http://example.com/page now');
    expect(runs).to.deep.equal([
      { text: 'see ' },
      { text: 'http://example.com/page', href: 'http://example.com/page' },
      { text: ' now' },
    ]);
  });

  it('turns an https URL that is the whole text into a single link run', () => {
    expect(splitLinks('https://example.com/a?b=1&c=2')).to.deep.equal([
      { text: 'https://example.com/a?b=1&c=2', href: 'https://example.com/a?b=1&c=2' },
    ]);
  });

  it('finds several links and keeps the text between them', () => {
    const text = 'one https://a.example/ two http://b.example/x three';
    const runs = splitLinks(text);
    expect(links(runs).map((r) => r.href)).to.deep.equal(['https://a.example/', 'http://b.example/x']);
    expect(runs.map((r) => r.text)).to.deep.equal(['one ', 'https://a.example/', ' two ', 'http://b.example/x', ' three']);
    expect(joined(runs)).to.equal(text);
  });

  it('matches the scheme case-insensitively', () => {
    const runs = splitLinks('go to HTTPS://Example.COM/X');
    expect(links(runs)).to.deep.equal([{ text: 'HTTPS://Example.COM/X', href: 'https://example.com/X' }]);
  });

  it('trims trailing punctuation off a link and keeps it as text', () => {
    for (const [text, url, rest] of [
      ['Visit https://example.com.', 'https://example.com', '.'],
      ['Visit https://example.com/page, then', 'https://example.com/page', ', then'],
      ['Really https://example.com/?!', 'https://example.com/', '?!'],
      ['(see https://example.com/a)', 'https://example.com/a', ')'],
      ['"https://example.com/q";', 'https://example.com/q', '";'],
      ['at https://example.com/x:', 'https://example.com/x', ':'],
    ] as const) {
      const runs = splitLinks(text);
      expect(links(runs).map((r) => r.text), text).to.deep.equal([url]);
      expect(runs[runs.length - 1]!.text.startsWith(rest), text).to.equal(true);
      expect(joined(runs), text).to.equal(text);
    }
  });

  it('never makes a link of javascript:, data: or vbscript: URLs', () => {
    for (const text of [
      'javascript:alert(1)',
      'click javascript://%0aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'data://text/html,hi',
      'vbscript:msgbox(1)',
      'vbscript://x',
    ]) {
      expect(splitLinks(text), text).to.deep.equal([{ text }]);
    }
  });

  it('never makes a link of relative or protocol-relative URLs', () => {
    for (const text of ['see /etc/passwd', 'open ./page.html', 'go //evil.example.com/x', 'ftp://files.example.com/']) {
      expect(splitLinks(text), text).to.deep.equal([{ text }]);
    }
  });

  it('does not take http:// glued to a word for a link', () => {
    expect(links(splitLinks('xhttp://evil.example/'))).to.deep.equal([]);
    expect(links(splitLinks('javascripthttp://evil.example/'))).to.deep.equal([]);
  });

  it('keeps a bare scheme with no host as text', () => {
    for (const text of ['http://', 'see http://...', 'https://?']) {
      const runs = splitLinks(text);
      expect(links(runs), text).to.deep.equal([]);
      expect(joined(runs), text).to.equal(text);
    }
  });

  it('keeps <script> text as plain text runs', () => {
    const text = '<script>alert(1)</script>';
    expect(splitLinks(text)).to.deep.equal([{ text }]);
  });

  it('stops a link at markup characters, leaving the markup as plain text', () => {
    const text = 'https://example.com/<script>alert("x")</script>';
    const runs = splitLinks(text);
    expect(runs).to.deep.equal([
      { text: 'https://example.com/', href: 'https://example.com/' },
      { text: '<script>alert("x")</script>' },
    ]);
  });

  it('does not let quotes extend a link into an attribute-like payload', () => {
    const runs = splitLinks('https://example.com/"onmouseover="alert(1)');
    expect(links(runs)).to.deep.equal([{ text: 'https://example.com/', href: 'https://example.com/' }]);
    expect(joined(runs)).to.equal('https://example.com/"onmouseover="alert(1)');
  });

  it('gives every link an href that safeHref accepts', () => {
    const text = 'a http://x.example b https://y.example/p?q=1, c http://[::1]:8080/ d';
    for (const run of links(splitLinks(text))) {
      expect(safeHref(run.href!)).to.equal(run.href);
      expect(run.href).to.match(/^https?:\/\//);
    }
    expect(links(splitLinks(text))).to.have.length(3);
  });
});
