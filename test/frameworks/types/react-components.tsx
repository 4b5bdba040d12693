// Consumers of the React components of `gws-chat/react` (type-checked only): props with the
// elements' own types, `onGws…` listeners with their detail types, a ref to the element.
import type { ChatMessage, GwsChat as GwsChatElement, GwsChatWidget as GwsChatWidgetElement, GwsErrorKind } from 'gws-chat';
import { GwsChat, GwsChatWidget, GwsFacebookSession, type GwsChatComponentProps } from 'gws-chat/react';
import { useRef } from 'react';

export function Right() {
  const ref = useRef<GwsChatElement>(null);
  const widget = useRef<GwsChatWidgetElement>(null);
  const props: GwsChatComponentProps = { url: '/x', onGwsSend: (e) => e.detail.text };
  return (
    <>
      <GwsChat
        ref={ref}
        id="chat"
        className="chat"
        url="/api/v2/notifications"
        interactionId="0000Wa9CAM6W00J"
        typingTimeout={5000}
        noComposer={false}
        strings={{ empty: 'Nothing yet', typing: (names) => `${names.join(', ')} typing` }}
        onGwsMessage={(e) => {
          const message: ChatMessage = e.detail.message;
          return message.text;
        }}
        onGwsBeforeSend={(e) => {
          if (!e.detail.text.trim()) e.preventDefault();
        }}
        onGwsError={(e) => {
          const kind: GwsErrorKind = e.detail.kind;
          return kind;
        }}
        onClick={(e) => e.currentTarget.interactionId}
      />
      <GwsChat {...props} />
      <GwsFacebookSession url="/x" onGwsTyping={(e) => e.detail.typing} />
      <GwsChatWidget ref={widget} strings={{ empty: 'Ask us' }} onGwsWidgetOpen={(e) => e.type} onGwsUnreadChange={(e) => e.detail.count} />
    </>
  );
}

export function Wrong() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {/* @ts-expect-error typingTimeout is a number */}
      <GwsChat typingTimeout="5000" />
      {/* @ts-expect-error strings holds texts */}
      <GwsChat strings={{ empty: 42 }} />
      {/* @ts-expect-error gws-message's detail has no `text` (it is `detail.message.text`) */}
      <GwsChat onGwsMessage={(e) => e.detail.text} />
      {/* @ts-expect-error the ref is to a GwsChat, not an input */}
      <GwsChat ref={input} />
      {/* @ts-expect-error <gws-facebook-session> has no nickname */}
      <GwsFacebookSession nickname="Pat" />
      {/* @ts-expect-error no such event */}
      <GwsChat onGwsNothing={() => 1} />
    </>
  );
}
