import type { Participant } from '../protocol/types.js';

/** Participant types that stand for the customer on a customer-side API. */
const CUSTOMER_TYPES = new Set(['customer', 'client']);

/** Whether a participant is the customer (the person using this element). */
export function isCustomer(p: Participant | null): boolean {
  return p !== null && CUSTOMER_TYPES.has(p.type.toLowerCase());
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
