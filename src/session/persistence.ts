/**
 * What one session keeps across page loads: the chat it started (so another page of the
 * site, or a reload, follows it again), that chat's recent transcript and last known
 * state (shown and usable at once), and its unsent messages (see `OutboxStore`). All of
 * it lives in `store.ts`; a chat that ended is forgotten.
 */
import type { InteractionModel } from '../model/interaction.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { isInteractionId, parseMessages, parseNotification } from '../protocol/parse.js';
import { load, outboxKey, save, sessionKey, transcriptKey } from './store.js';

/** Most transcript entries kept for showing at once after a reload. */
export const STORED_ENTRIES = 500;

/** The chat remembered for this endpoint and medium, or `null`. */
export function rememberedChat(url: string, medium: MediumDescriptor): string | null {
  if (!url || !medium.canStart) return null;
  const stored = load(sessionKey(url, medium.name));
  const id = typeof stored === 'object' && stored !== null ? (stored as { interactionId?: unknown }).interactionId : undefined;
  return isInteractionId(id) ? id : null;
}

/** Remembers a chat the customer started here. */
export function rememberChat(url: string, medium: MediumDescriptor, interactionId: string): void {
  save(sessionKey(url, medium.name), { interactionId });
}

/**
 * Restores the stored state and transcript of a remembered chat into an empty model, read
 * back through the parser like anything from outside.
 */
export function restoreTranscript(url: string, medium: MediumDescriptor, interactionId: string, model: InteractionModel): void {
  const stored = load(transcriptKey(url, interactionId));
  const { messages, resource } = typeof stored === 'object' && stored !== null
    ? stored as { messages?: unknown; resource?: unknown }
    : { messages: undefined, resource: undefined };
  if (typeof resource === 'object' && resource !== null) {
    const state = parseNotification({
      data: {
        messageType: medium.stateMessageType,
        notificationType: 'StatusChange',
        [medium.resourceKey]: { ...resource, id: interactionId },
      },
    }, medium);
    if (state.ok) model.apply(state.notification);
  }
  const parsed = parseMessages(messages, 'stored transcript');
  if (parsed.ok) model.applyHistory(parsed.messages);
}

/** Stores the recent transcript and last known state of a remembered chat. */
export function saveTranscript(url: string, interactionId: string, model: InteractionModel): void {
  const entries = model.transcript.entries.slice(-STORED_ENTRIES);
  save(transcriptKey(url, interactionId), {
    resource: {
      uri: model.uri ?? undefined,
      state: model.state ?? undefined,
      capabilities: model.capabilities,
      participants: model.participants,
      userData: model.userData,
    },
    messages: entries.map((m) => ({
      index: m.index, type: m.type, from: m.from, text: m.text, url: m.url, visibility: 'All', timestampSeconds: m.time,
    })),
  });
}

/** The chat is over: nothing of it is resumed. */
export function forgetChat(url: string, medium: MediumDescriptor, interactionId: string): void {
  if (rememberedChat(url, medium) === interactionId) save(sessionKey(url, medium.name), undefined);
  save(transcriptKey(url, interactionId), undefined);
  save(outboxKey(url, interactionId), undefined);
}
