// A React hook over `ChatSession`, the headless engine: a chat with a UI of your own.
// The README shows this file as it is; test/frameworks/react.test.ts runs it against the
// simulator, and `npm test` type-checks it (test/frameworks/types/tsconfig.json).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ChatSession, type ChatMessage, type ChatSessionOptions, type ConnectionState, type OutgoingMessage, type Participant } from 'gws-chat';

export interface ChatSessionView {
  /** The engine itself: `send()`, `endChat()`, `startChat()`, `retry()`, `draftChanged()`, ... */
  readonly session: ChatSession;
  readonly messages: readonly ChatMessage[];
  readonly pendingMessages: readonly OutgoingMessage[];
  readonly typingParticipants: readonly Participant[];
  readonly connectionState: ConnectionState;
  readonly ended: boolean;
}

/**
 * Follows one chat while the component is mounted and re-renders it on every change. The
 * lists are the session's own: read them while rendering.
 */
export function useChatSession({ url, interactionId, apiUrl, contactCenterId }: Pick<ChatSessionOptions, 'url' | 'interactionId' | 'apiUrl' | 'contactCenterId'>): ChatSessionView {
  // One session per component, and a version number its `change` events move on.
  const [store] = useState(() => {
    const session = new ChatSession({ url, interactionId, apiUrl, contactCenterId });
    let version = 0;
    return {
      session,
      subscribe(onChange: () => void) {
        const listener = () => {
          version++;
          onChange();
        };
        session.addEventListener('change', listener);
        return () => session.removeEventListener('change', listener);
      },
      version: () => version,
    };
  });
  const { session } = store;
  useSyncExternalStore(store.subscribe, store.version);

  useEffect(() => {
    session.configure({ url, interactionId, apiUrl, contactCenterId });
  }, [session, url, interactionId, apiUrl, contactCenterId]);

  useEffect(() => {
    session.connect();
    return () => session.disconnect();
  }, [session]);

  return {
    session,
    messages: session.messages,
    pendingMessages: session.pendingMessages,
    typingParticipants: session.typingParticipants,
    connectionState: session.connectionState,
    ended: session.ended,
  };
}
