/**
 * The `gws-*` event a change of the interaction's model is told as (one per change).
 */
import type { GwsEventDetails } from '../events.js';
import type { InteractionChange } from '../model/interaction.js';

/** One `gws-*` event: its name and its `detail`. */
export type GwsEventOf = { [K in keyof GwsEventDetails]: { readonly type: K; readonly detail: GwsEventDetails[K] } }[keyof GwsEventDetails];

/** The event a model change is told as. */
export function eventOfChange(change: InteractionChange): GwsEventOf {
  switch (change.kind) {
    case 'message':
      return { type: 'gws-message', detail: { message: change.message, live: change.live } };
    case 'typing':
      return { type: 'gws-typing', detail: { participant: change.participant, typing: change.typing } };
    case 'state':
      return { type: 'gws-state-change', detail: { state: change.state, previousState: change.previousState } };
    case 'participants':
      return { type: 'gws-participants-change', detail: { participants: change.participants } };
    case 'properties':
      return { type: 'gws-properties-change', detail: { userData: change.userData } };
    case 'capabilities':
      return { type: 'gws-capabilities-change', detail: { capabilities: change.capabilities } };
    case 'server-error':
      return { type: 'gws-error', detail: { kind: 'server', message: change.message, referenceId: change.referenceId } };
  }
}
