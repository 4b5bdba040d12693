import { expect } from '@open-wc/testing';
import { apiRoot } from '../../src/transport/api-root.js';

describe('apiRoot(url, apiUrl)', () => {
  const origin = location.origin;

  describe('by default: url without its last path segment', () => {
    it('turns the notifications URL into the API root on the page\'s origin', () => {
      expect(apiRoot('/api/v2/notifications', '')).to.equal(`${origin}/api/v2`);
      expect(apiRoot('/gws2/api/v2/notifications', '')).to.equal(`${origin}/gws2/api/v2`);
    });

    it('keeps an absolute URL on its own origin', () => {
      expect(apiRoot('https://gws.example.com/api/v2/notifications', '')).to.equal('https://gws.example.com/api/v2');
      expect(apiRoot('http://10.0.0.5:8090/api/v2/notifications', '')).to.equal('http://10.0.0.5:8090/api/v2');
    });

    it('drops the query and the hash', () => {
      expect(apiRoot('https://gws.example.com/api/v2/notifications?tenant=1#top', '')).to.equal('https://gws.example.com/api/v2');
      expect(apiRoot('/api/v2/notifications?x=1', '')).to.equal(`${origin}/api/v2`);
      expect(apiRoot('/api/v2/notifications#frag', '')).to.equal(`${origin}/api/v2`);
    });

    it('ignores trailing slashes of the url', () => {
      expect(apiRoot('/api/v2/notifications/', '')).to.equal(`${origin}/api/v2`);
      expect(apiRoot('https://gws.example.com/api/v2/notifications///', '')).to.equal('https://gws.example.com/api/v2');
    });

    it('resolves a relative url against the document\'s base URL, as the browser\'s requests do', () => {
      // A <base href> (and a srcdoc iframe, whose base is its parent's URL) is what fetch and
      // XHR resolve against, not location.href.
      const base = document.createElement('base');
      base.href = 'https://shop.example/help/';
      document.head.prepend(base);
      try {
        expect(apiRoot('gws/api/v2/notifications', '')).to.equal('https://shop.example/help/gws/api/v2');
        expect(apiRoot('', 'api/v2')).to.equal('https://shop.example/help/api/v2');
      } finally {
        base.remove();
      }
      expect(apiRoot('api/v2/notifications', '')).to.equal(`${origin}/api/v2`);
    });

    it('resolves a relative url against the page', () => {
      expect(apiRoot('api/v2/notifications', '')).to.equal(`${origin}/api/v2`);
    });

    it('gives the bare origin for a url with a single segment or none', () => {
      expect(apiRoot('https://gws.example.com/cometd', '')).to.equal('https://gws.example.com');
      expect(apiRoot('https://gws.example.com/', '')).to.equal('https://gws.example.com');
    });

    it('ignores whitespace around the url', () => {
      expect(apiRoot('  /api/v2/notifications  ', '')).to.equal(`${origin}/api/v2`);
    });
  });

  describe('an explicit apiUrl', () => {
    it('wins over the url, as it is', () => {
      expect(apiRoot('/api/v2/notifications', 'https://rest.example.com/gws/api/v2')).to.equal('https://rest.example.com/gws/api/v2');
      expect(apiRoot('https://gws.example.com/api/v2/notifications', '/other/api/v2')).to.equal(`${origin}/other/api/v2`);
    });

    it('is not shortened by a segment', () => {
      expect(apiRoot('', '/api/v2/notifications')).to.equal(`${origin}/api/v2/notifications`);
    });

    it('loses its trailing slashes', () => {
      expect(apiRoot('', 'https://rest.example.com/api/v2/')).to.equal('https://rest.example.com/api/v2');
      expect(apiRoot('', '/api/v2///')).to.equal(`${origin}/api/v2`);
    });

    it('loses its query and hash (paths are appended to the root)', () => {
      expect(apiRoot('', 'https://rest.example.com/api/v2?tenant=1#x')).to.equal('https://rest.example.com/api/v2');
    });

    it('counts as unset when blank', () => {
      expect(apiRoot('/api/v2/notifications', '   ')).to.equal(`${origin}/api/v2`);
    });
  });

  describe('nothing usable', () => {
    it('gives \'\' when neither is set', () => {
      expect(apiRoot('', '')).to.equal('');
      expect(apiRoot('  ', ' ')).to.equal('');
    });

    it('gives \'\' for a url that is not a URL', () => {
      expect(apiRoot('http://[::1/api/v2/notifications', '')).to.equal('');
      expect(apiRoot('http://', '')).to.equal('');
      expect(apiRoot('https://gws.example.com:99999/api/v2/notifications', '')).to.equal('');
    });

    it('gives \'\' for an apiUrl that is not a URL, even with a good url', () => {
      expect(apiRoot('/api/v2/notifications', 'http://[oops')).to.equal('');
      expect(apiRoot('/api/v2/notifications', 'https://')).to.equal('');
    });
  });
});
