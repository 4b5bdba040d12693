import { useRef, useState } from 'react';
import type { GwsChat as GwsChatElement } from 'gws-chat';
import { GwsChat, GwsChatWidget } from 'gws-chat/react';

/** A support page: the chat, a quick question of our own, what was said. */
export function Support({ url, chatId }: { url: string; chatId: string }) {
  const chat = useRef<GwsChatElement>(null);
  const [heard, setHeard] = useState<string[]>([]);
  const [sent, setSent] = useState<string[]>([]);
  return (
    <section>
      <GwsChat
        ref={chat}
        url={url}
        interactionId={chatId}
        strings={{ empty: 'Ask us anything' }}
        typingTimeout={5000}
        onGwsMessage={(e) => {
          const { from, text } = e.detail.message;
          setHeard((h) => [...h, `${from?.nickname ?? ''}: ${text}`]);
        }}
        onGwsSend={(e) => setSent((s) => [...s, e.detail.text])}
      />
      <button className="ask" onClick={() => chat.current?.send('Where is my order?')}>
        Ask about my order
      </button>
      <output className="heard">{heard.join(' | ')}</output>
      <output className="sent">{sent.join(' | ')}</output>
    </section>
  );
}

/** Every other page: the launcher; the chat loads when a visitor opens it. */
export function SiteChat({ url }: { url: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <GwsChatWidget
        url={url}
        nickname="Pat"
        strings={{ empty: 'Ask us anything' }}
        onGwsWidgetOpen={() => setOpened(true)}
        onGwsWidgetClose={() => setOpened(false)}
      />
      <output className="widget">{opened ? 'open' : 'closed'}</output>
    </>
  );
}
