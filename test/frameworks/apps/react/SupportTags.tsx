import { useRef, useState } from 'react';
import 'gws-chat/gws-chat.js';
import type { GwsChat } from 'gws-chat';
import type {} from 'gws-chat/react';

/** React 19 only: the bare tag, its props set as properties, `ongws-*` as listeners. */
export function Support({ url, chatId }: { url: string; chatId: string }) {
  const chat = useRef<GwsChat>(null);
  const [heard, setHeard] = useState<string[]>([]);
  const [sent, setSent] = useState<string[]>([]);
  return (
    <section>
      <gws-chat
        ref={chat}
        url={url}
        interactionId={chatId}
        strings={{ empty: 'Ask us anything' }}
        typingTimeout={5000}
        ongws-message={(e) => {
          const { from, text } = e.detail.message;
          setHeard((h) => [...h, `${from?.nickname ?? ''}: ${text}`]);
        }}
        ongws-send={(e) => setSent((s) => [...s, e.detail.text])}
      />
      <button className="ask" onClick={() => chat.current?.send('Where is my order?')}>
        Ask about my order
      </button>
      <output className="heard">{heard.join(' | ')}</output>
      <output className="sent">{sent.join(' | ')}</output>
    </section>
  );
}
