// The README's example of a UI of one's own over ChatSession with useChatSession
// (../apps/use-chat-session.ts), as written there (type-checked only). The README's
// framework snippets are the apps of ../apps/ themselves.
import { useChatSession } from '../apps/use-chat-session.js';

export function MyChat({ chatId }: { chatId: string }) {
  const { session, messages, pendingMessages, connectionState, ended } =
    useChatSession({ url: '/api/v2/notifications', interactionId: chatId });
  return (
    <section aria-busy={connectionState !== 'connected'}>
      <ul>
        {messages.map((m) => <li key={m.key}>{m.from?.nickname}: {m.text}</li>)}
        {pendingMessages.map((m) => <li key={m.key}>{m.text} ({m.status})</li>)}
      </ul>
      <form onSubmit={(e) => {
        e.preventDefault();
        const input = e.currentTarget.elements.namedItem('text') as HTMLInputElement;
        session.send(input.value).then(() => { input.value = ''; }, (err) => alert(err.message));
      }}>
        <input name="text" disabled={ended} onInput={(e) => session.draftChanged(e.currentTarget.value)} />
      </form>
    </section>
  );
}
