// React 19 consumers of `gws-chat/react` (type-checked only).
import type {} from 'gws-chat/react';
import 'gws-chat/gws-chat.js';
import 'gws-chat/gws-facebook-session.js';
import type { ChatMessage, GwsChat, GwsErrorKind } from 'gws-chat';
import { useRef } from 'react';

export function Right() {
  const ref = useRef<GwsChat>(null);
  return (
    <>
      <gws-chat
        ref={ref}
        id="chat"
        className="chat"
        url="/api/v2/notifications"
        interactionId="0000Wa9CAM6W00J"
        typingTimeout={5000}
        maxLength={500}
        noComposer={false}
        nickname="Pat"
        strings={{ empty: 'Nothing yet', typing: (names) => `${names.join(', ')} typing` }}
        ongws-message={(e) => {
          const message: ChatMessage = e.detail.message;
          return message.text;
        }}
        ongws-before-send={(e) => {
          e.detail.text = e.detail.text.trim();
          if (!e.detail.text) e.preventDefault();
        }}
        ongws-error={(e) => {
          const kind: GwsErrorKind = e.detail.kind;
          return [kind, e.detail.message, e.detail.referenceId];
        }}
        ongws-state-change={(e) => e.detail.previousState ?? e.detail.state}
        ongws-chat-started={(e) => e.detail.interactionId.length}
        ongws-connection-change={(e) => e.detail.state === 'reconnecting'}
        interaction-id="an attribute works too"
      />
      <gws-facebook-session url="/api/v2/notifications" interactionId="FB1" ongws-typing={(e) => e.detail.typing} />
    </>
  );
}

export function Wrong() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <gws-chat
        // @ts-expect-error typingTimeout is a number
        typingTimeout="5000"
      />
      <gws-chat
        // @ts-expect-error url is a string
        url={42}
      />
      <gws-chat
        // @ts-expect-error noComposer is a boolean
        noComposer="yes"
      />
      <gws-chat
        // @ts-expect-error strings holds texts and text functions
        strings={{ empty: 42 }}
      />
      <gws-chat
        // @ts-expect-error no such text
        strings={{ nothingHere: 'x' }}
      />
      <gws-chat
        // @ts-expect-error gws-message's detail has no `text` (it is `detail.message.text`)
        ongws-message={(e) => e.detail.text}
      />
      {/* @ts-expect-error a listener for another detail */}
      <gws-chat ongws-typing={(e: CustomEvent<{ message: string }>) => e.detail.message} />
      <gws-chat
        ongws-error={(e) => {
          // @ts-expect-error the kind is a string union, not a number
          const kind: number = e.detail.kind;
          return kind;
        }}
      />
      <gws-chat
        // @ts-expect-error the element is a GwsChat, not an input
        ref={input}
      />
      <gws-facebook-session
        // @ts-expect-error <gws-facebook-session> cannot start a chat: no nickname
        nickname="Pat"
      />
      {/* @ts-expect-error an element that does not exist */}
      <gws-chats url="/api" />
    </>
  );
}
