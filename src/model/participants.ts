import type { Participant } from '../protocol/types.js';

/*
 * Participant types arrive canonically spelled from the parser (`agent` → `Agent`), so
 * they are compared exactly here.
 */

/** Whether a participant is the customer (the person using this element): `Customer` or `Client`. */
export function isCustomer(p: Participant | null): boolean {
  return p !== null && (p.type === 'Customer' || p.type === 'Client');
}

/** Whether a participant is an agent (type `Agent`; a `Supervisor` is not counted as one). */
export function isAgent(p: Participant | null): boolean {
  return p !== null && p.type === 'Agent';
}

/** A stable key for a participant: its id, or its nickname when the server sent no id. */
export function participantKey(p: Participant): string {
  return p.participantId ? `id:${p.participantId}` : `nick:${p.nickname}`;
}

/** Whether two participant lists hold the same participants in the same order. */
export function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i]!;
    return p.participantId === q.participantId && p.nickname === q.nickname && p.type === q.type;
  });
}
