import { expect } from '@open-wc/testing';
import { messageTime, parseTimestamp } from '../../src/protocol/timestamp.js';

describe('parseTimestamp', () => {
  it('reads the space-separated form with a +hhmm offset (chat spec example)', () => {
    expect(parseTimestamp('2014-01-09 11:58:12.035+0200')).to.equal(Date.UTC(2014, 0, 9, 9, 58, 12, 35));
  });
  it('reads the T-separated form with a -hhmm offset (facebook spec example)', () => {
    expect(parseTimestamp('2014-01-02T14:23:18.000-0800')).to.equal(Date.UTC(2014, 0, 2, 22, 23, 18, 0));
  });
  it('gives both spec forms the same representation as timestampSeconds (milliseconds)', () => {
    expect(parseTimestamp('2014-01-09 11:58:12.035+0200')).to.equal(1389261492035);
    expect(messageTime(1389261492047, '2014-01-09 11:58:12.047+0200')).to.equal(1389261492047);
    expect(messageTime(undefined, '2014-01-09 11:58:12.047+0200')).to.equal(1389261492047);
  });
  it('rejects what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2014-13-01 00:00:00', '2014-02-31T00:00:00Z', '2014-01-01 25:00:00']) {
      expect(parseTimestamp(bad), bad).to.equal(null);
    }
  });
  it('accepts Z, colon offsets and no fraction', () => {
    expect(parseTimestamp('2014-01-02T14:23:18Z')).to.equal(Date.UTC(2014, 0, 2, 14, 23, 18));
    expect(parseTimestamp('2014-01-02T14:23:18+05:30')).to.equal(Date.UTC(2014, 0, 2, 8, 53, 18));
  });
  it('falls back to the string when timestampSeconds is not a usable number', () => {
    expect(messageTime('1389261492035', '2014-01-09 11:58:12.035+0200')).to.equal(1389261492035);
    expect(messageTime(Number.NaN, undefined)).to.equal(null);
    expect(messageTime(1e300, undefined)).to.equal(null);
  });
});
