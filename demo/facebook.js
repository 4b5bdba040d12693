// The Facebook page: asks the simulator's agent API for a session, follows it with the
// element, and asks for its state once the element listens (then the console drives it).
const el = document.getElementById('facebook');
const connected = () => el.connectionState === 'connected' || new Promise((resolve) => {
  const on = (e) => {
    if (e.detail.state !== 'connected') return;
    el.removeEventListener('gws-connection-change', on);
    resolve();
  };
  el.addEventListener('gws-connection-change', on);
});

async function startSession() {
  const { interactionId } = await (await fetch('/demo-agent/facebook', { method: 'POST' })).json();
  el.interactionId = interactionId;
  await connected();
  await fetch(`/demo-agent/facebook?id=${encodeURIComponent(interactionId)}`, { method: 'POST' });
}
document.getElementById('new-session').addEventListener('click', () => startSession());
startSession();
