// The demo page's script: a host page using only the elements' public API.
const chat = document.getElementById('chat');
const facebook = document.getElementById('facebook');
const events = document.getElementById('events');

function logEvent(source, event) {
  const item = document.createElement('li');
  const d = event.detail ?? {};
  const summary =
    d.message?.text !== undefined ? `“${d.message.text || d.message.url || d.message.type}”` :
    d.participant ? `${d.participant.nickname} typing=${d.typing}` :
    d.state ? `${d.previousState ?? ''}${d.previousState ? ' → ' : ''}${d.state}` :
    d.kind ? `${d.kind}: ${d.message}` :
    d.interactionId ? d.interactionId :
    d.text !== undefined ? `“${d.text}”` : '';
  item.textContent = `${source} ${event.type} ${summary}`;
  events.append(item);
  events.scrollTop = events.scrollHeight;
}

const TYPES = ['gws-message', 'gws-typing', 'gws-state-change', 'gws-connection-change', 'gws-error',
  'gws-send', 'gws-chat-started'];
for (const [name, el] of [['chat', chat], ['facebook', facebook]]) {
  for (const type of TYPES) el.addEventListener(type, (e) => logEvent(name, e));
}

const connected = (el) =>
  el.connectionState === 'connected'
    ? Promise.resolve()
    : new Promise((resolve) => {
        const on = (e) => {
          if (e.detail.state === 'connected') {
            el.removeEventListener('gws-connection-change', on);
            resolve();
          }
        };
        el.addEventListener('gws-connection-change', on);
      });

async function replay() {
  const ids = await (await fetch('/demo/scenario', { method: 'POST' })).json();
  facebook.interactionId = ids.facebookId;
  await connected(facebook);
  await fetch(`/demo/play?facebook=${ids.facebookId}`, { method: 'POST' });
}

document.getElementById('replay').addEventListener('click', () => replay());
document.getElementById('outage').addEventListener('click', () => fetch('/demo/outage?seconds=8', { method: 'POST' }));
replay();
