// dist/gws-chat.min.js (built by `npm run build`), with its trimmed CometD client, loaded
// by a plain <script> tag, against the simulator on faye. Nothing but types from src/.
import type { ChatSession } from '../../src/session/chat-session.js';
import { fayeSuite } from './faye-suite.js';

interface BundleGlobal {
  GwsChatElements?: { ChatSession?: typeof ChatSession };
}

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

before(() => loadClassicScript('/dist/gws-chat.min.js'));

fayeSuite({
  basePath: '/fayeb/api/v2',
  chatSession: () => {
    const found = (window as unknown as BundleGlobal).GwsChatElements?.ChatSession;
    if (!found) throw new Error('the bundle exposes no ChatSession');
    return found;
  },
});
