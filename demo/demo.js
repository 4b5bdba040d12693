// The demo page's script: a host page using only the elements' public API.
const chat = document.getElementById('chat');
const facebook = document.getElementById('facebook');
const events = document.getElementById('events');

function logEvent(source, event) {
  const item = document.createElement('li');
  const d = event.detail ?? {};
  const summary =
    d.message?.text !== undefined ? `“${d.message.text || d.message.type}”` :
    d.participant ? `${d.participant.nickname} typing=${d.typing}` :
    d.state ? `${d.previousState ?? ''}${d.previousState ? ' → ' : ''}${d.state}` :
    d.kind ? `${d.kind}: ${d.message}` : '';
  item.textContent = `${source} ${event.type} ${summary}`;
  events.append(item);
  events.scrollTop = events.scrollHeight;
}

for (const [name, el] of [['chat', chat], ['facebook', facebook]]) {
  for (const type of ['gws-message', 'gws-typing', 'gws-state-change', 'gws-connection-change', 'gws-error']) {
    el.addEventListener(type, (e) => logEvent(name, e));
  }
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

async function play() {
  const ids = await (await fetch('/demo/scenario', { method: 'POST' })).json();
  chat.interactionId = ids.chatId;
  facebook.interactionId = ids.facebookId;
  await Promise.all([connected(chat), connected(facebook)]);
  await fetch(`/demo/play?chat=${ids.chatId}&facebook=${ids.facebookId}`, { method: 'POST' });
}

document.getElementById('replay').addEventListener('click', () => {
  events.replaceChildren();
  play();
});
play();
