import { expect } from '@open-wc/testing';
import { isAgent, isCustomer, participantKey, sameParticipants } from '../../src/model/participants.js';
import type { Participant } from '../../src/protocol/types.js';

const p = (participantId: string, nickname: string, type: string): Participant => ({ participantId, nickname, type });

describe('participants', () => {
  // Participant types come canonically spelled from the parser (test/protocol/parse.test.ts
  // covers `customer` → `Customer`), so these helpers compare exactly.
  it('isCustomer is true for Customer and Client, false otherwise', () => {
    expect(isCustomer(p('1', 'a', 'Customer'))).to.equal(true);
    expect(isCustomer(p('1', 'a', 'Client'))).to.equal(true);
    for (const type of ['Agent', 'Supervisor', 'External', '', 'Customers', 'customer', 'CLIENT']) {
      expect(isCustomer(p('1', 'a', type)), type).to.equal(false);
    }
    expect(isCustomer(null)).to.equal(false);
  });

  it('isAgent is true for Agent only', () => {
    expect(isAgent(p('1', 'a', 'Agent'))).to.equal(true);
    for (const type of ['Customer', 'Client', 'Supervisor', 'External', '', 'Agents', 'agent', 'AGENT']) {
      expect(isAgent(p('1', 'a', type)), type).to.equal(false);
    }
    expect(isAgent(null)).to.equal(false);
  });

  it('participantKey uses the id, or the nickname when there is no id, without collisions', () => {
    expect(participantKey(p('A1', 'Marat', 'Agent'))).to.equal(participantKey(p('A1', 'Renamed', 'Agent')));
    expect(participantKey(p('', 'Marat', 'Agent'))).to.not.equal(participantKey(p('A1', 'Marat', 'Agent')));
    expect(participantKey(p('', 'A1', 'Agent'))).to.not.equal(participantKey(p('A1', '', 'Agent')));
  });

  it('sameParticipants compares id, nickname and type, in order', () => {
    const a = p('1', 'a', 'Agent');
    const b = p('2', 'b', 'Customer');
    expect(sameParticipants([a, b], [{ ...a }, { ...b }])).to.equal(true);
    expect(sameParticipants([], [])).to.equal(true);
    expect(sameParticipants([a, b], [b, a])).to.equal(false);
    expect(sameParticipants([a], [a, b])).to.equal(false);
    expect(sameParticipants([a], [{ ...a, nickname: 'x' }])).to.equal(false);
    expect(sameParticipants([a], [{ ...a, type: 'Supervisor' }])).to.equal(false);
    expect(sameParticipants([a], [{ ...a, participantId: '9' }])).to.equal(false);
  });
});
