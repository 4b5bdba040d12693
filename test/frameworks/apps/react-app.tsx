// A tiny React 19 app, bundled by esbuild (test/frameworks/build-apps.mjs) the way a user's
// app is: `<gws-chat>` from 'gws-chat/gws-chat.js', its JSX types from 'gws-chat/react',
// and a chat UI of its own over `ChatSession` (useChatSession). test/frameworks/react.test.ts
// drives it against the simulator.
import type {} from 'gws-chat/react';
import 'gws-chat/gws-chat.js';
import type { ChatSession, GwsChatStrings } from 'gws-chat';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useChatSession } from './use-chat-session.js';

export interface ReactAppProps {
  readonly url: string;
  readonly interactionId: string;
  readonly strings: Partial<GwsChatStrings>;
  readonly typingTimeout: number;
  /** Told of the hook's session (the test checks it disconnects on unmount). */
  readonly onSession: (session: ChatSession) => void;
}

function ElementChat({ url, interactionId, strings, typingTimeout }: ReactAppProps) {
  const [heard, setHeard] = useState<readonly string[]>([]);
  const [connection, setConnection] = useState('');
  return (
    <section id="element-chat">
      <gws-chat
        url={url}
        interactionId={interactionId}
        strings={strings}
        typingTimeout={typingTimeout}
        ongws-message={(e) => {
          const { from, text } = e.detail.message;
          setHeard((h) => [...h, `${from?.nickname ?? ''}: ${text}`]);
        }}
        ongws-connection-change={(e) => setConnection(e.detail.state)}
      />
      <output className="heard">{heard.join(' | ')}</output>
      <output className="connection">{connection}</output>
    </section>
  );
}

function HookChat({ url, interactionId, onSession }: ReactAppProps) {
  const { session, messages, connectionState } = useChatSession({ url, interactionId });
  useEffect(() => onSession(session), [session, onSession]);
  return (
    <section id="hook-chat" data-connection={connectionState}>
      <ul>
        {messages.map((m) => <li key={m.key}>{`${m.from?.nickname ?? ''}: ${m.text}`}</li>)}
      </ul>
    </section>
  );
}

function App(props: ReactAppProps) {
  return (
    <>
      <ElementChat {...props} />
      <HookChat {...props} />
    </>
  );
}

/** Renders the app into `container`; `render` re-renders it with new props. */
export function mount(container: HTMLElement, props: ReactAppProps): { render(props: ReactAppProps): void; unmount(): void } {
  const root = createRoot(container);
  const render = (p: ReactAppProps) => flushSync(() => root.render(<App {...p} />));
  render(props);
  return { render, unmount: () => flushSync(() => root.unmount()) };
}
