// The agent console (demo only): follows every interaction of the simulator through the
// agent API's event feed (/demo-agent/feed) and acts through its REST actions. Plain DOM;
// every text from a chat is set as text, never parsed as HTML.
const $ = (id) => document.getElementById(id);
/** @type {Map<string, any>} interaction id → what the server holds of it */
const chats = new Map();
/** interaction id → the highest index the agent has seen */
const seen = new Map();
let selected = null;

const isCustomer = (m) => m.from?.type === 'Customer' || m.from?.type === 'Client';
const hidden = (m) => m.visibility !== undefined && m.visibility !== 'All';
const open = (c) => c.state !== 'Completed' && c.state !== 'LeftChat';
const label = (c) => `${c.customer?.nickname ?? 'Customer'}${c.medium === 'facebooksession' ? ' (Facebook)' : ''}`;

function unread(c) {
  if (c.id === selected && document.visibilityState === 'visible') return 0;
  const from = seen.get(c.id) ?? 0;
  return c.messages.filter((m) => m.index > from && isCustomer(m) && m.type === 'Text').length;
}

/** Whether the customer's last word in the log is that they started typing. */
function customerTyping(c) {
  const last = c.messages.filter((m) => isCustomer(m) && ['TypingStarted', 'TypingStopped', 'Text', 'ParticipantLeft'].includes(m.type)).at(-1);
  return open(c) && last?.type === 'TypingStarted';
}

function renderList() {
  const list = $('chat-list');
  const items = [...chats.values()].filter((c) => open(c) || c.id === selected);
  $('no-chats').hidden = items.length > 0;
  list.replaceChildren(...items.map((c) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.chatId = c.id;
    button.setAttribute('aria-current', String(c.id === selected));
    const name = document.createElement('span');
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = ` ${open(c) ? c.state : 'ended'}${customerTyping(c) ? ', typing…' : ''}`;
    name.append(label(c), meta);
    button.append(name);
    const count = unread(c);
    if (count > 0) {
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = String(count);
      const sr = document.createElement('span');
      sr.className = 'meta';
      sr.textContent = ' unread';
      badge.append(sr);
      button.append(badge);
    }
    button.addEventListener('click', () => select(c.id));
    li.append(button);
    return li;
  }));
}

function entry(m) {
  const li = document.createElement('li');
  li.dataset.index = String(m.index);
  const who = m.from?.nickname ?? '';
  const sender = document.createElement('span');
  sender.className = 'sender';
  sender.textContent = who;
  const time = document.createElement('time');
  if (Number.isFinite(m.timestampSeconds)) {
    const at = new Date(m.timestampSeconds);
    time.dateTime = at.toISOString();
    time.textContent = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  if (hidden(m)) {
    li.className = 'agents-only';
    const tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = 'Agents only';
    li.append(tag);
  } else {
    li.className = isCustomer(m) ? 'customer' : 'agent';
  }
  switch (m.type) {
    case 'Text':
      li.append(sender, String(m.text ?? ''), time);
      break;
    case 'PushUrl': {
      const a = document.createElement('a');
      if (/^https?:\/\//i.test(m.url ?? '')) a.href = m.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = String(m.url ?? '');
      li.append(sender, 'pushed ', a, time);
      break;
    }
    case 'ParticipantJoined':
    case 'ParticipantLeft':
      li.classList.add('system');
      li.append(`${who} ${m.type === 'ParticipantJoined' ? 'joined' : 'left'}`, time);
      break;
    default:
      li.classList.add('system');
      li.append(String(m.text ?? m.noticeText ?? m.type), time);
  }
  return li;
}

function renderConversation() {
  const c = chats.get(selected);
  $('conversation').hidden = !c;
  if (!c) return;
  $('chat-title').textContent = label(c);
  $('chat-state').textContent = `${c.state} · ${c.participants.map((p) => p.nickname).join(', ')}`;
  $('auto-agent').textContent = c.autoAgent === 'answering'
    ? 'The auto-agent (Marat) answers this chat. Send anything and you take it over.'
    : c.autoAgent === 'handed-over' ? 'You took this chat over: the auto-agent handed it to you and left.' : '';
  const log = $('log');
  const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.replaceChildren(...c.messages.filter((m) => !['TypingStarted', 'TypingStopped'].includes(m.type)).map(entry));
  if (atEnd) log.scrollTop = log.scrollHeight;
  $('typing').textContent = customerTyping(c) ? `${c.customer.nickname} is typing…` : '';
  for (const id of ['reply', 'agents-only', 'join', 'leave', 'end', 'push-url']) $(id).disabled = !open(c);
  $('reply-form').querySelector('[type=submit]').disabled = !open(c);
  $('push-form').querySelector('[type=submit]').disabled = !open(c);
  $('join').disabled = !open(c) || c.consoleAgent;
  $('leave').disabled = !open(c) || !c.consoleAgent;
  if (document.visibilityState === 'visible') seen.set(c.id, c.messages.at(-1)?.index ?? 0);
}

function render() {
  renderConversation();
  renderList();
}

function select(id) {
  if (selected !== id) stopTyping();
  selected = id;
  render();
}

// One action at a time, in order: typing that follows a first reply must reach the server
// after the reply made the person a participant.
let queue = Promise.resolve();
function act(action, body = {}) {
  const id = selected;
  if (!id) return Promise.resolve(null);
  const done = queue.then(() => fetch(`/demo-agent/chats/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })).catch(() => null);
  queue = done;
  return done;
}

// Typing: started on the first keystroke, stopped 3 s after the last or when sent.
let typingTimer;
let typing = false;
function stopTyping() {
  clearTimeout(typingTimer);
  if (typing) act('typing', { typing: false });
  typing = false;
}
$('reply').addEventListener('input', () => {
  if (!$('reply').value.trim()) return stopTyping();
  if (!typing) act('typing', { typing: true });
  typing = true;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, 3000);
});

async function send(action) {
  const text = $('reply').value.trim();
  if (!text) return;
  clearTimeout(typingTimer);
  typing = false;
  $('reply').value = '';
  const res = await act(action, { text });
  if (res && !res.ok) $('reply').value = text;
}
$('reply-form').addEventListener('submit', (e) => {
  e.preventDefault();
  send('say');
});
$('reply').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    send('say');
  }
});
$('agents-only').addEventListener('click', () => send('agents-only'));
$('push-form').addEventListener('submit', (e) => {
  e.preventDefault();
  act('push-url', { url: $('push-url').value });
});
for (const action of ['join', 'leave', 'end', 'fault-error', 'fault-duplicate', 'fault-out-of-order']) {
  $(action).addEventListener('click', () => act(action));
}
for (const fault of ['drop', 'restart']) {
  $(fault).addEventListener('click', () => fetch(`/demo-agent/faults/${fault}`, { method: 'POST' }));
}
document.addEventListener('visibilitychange', render);

// The server's state: the outage of the moment, counted down.
let outage = null;
setInterval(() => outage && showServer(), 1000);
function showServer() {
  const left = outage ? Math.max(0, Math.ceil((outage.until - Date.now()) / 1000)) : 0;
  $('server').textContent = outage
    ? `${outage.kind === 'restart' ? 'Server restarting' : 'Every connection dropped'}: back in ${left} s`
    : '';
}

const feed = new EventSource('/demo-agent/feed');
feed.addEventListener('chat', (e) => {
  const c = JSON.parse(e.data);
  const isNew = !chats.has(c.id);
  chats.set(c.id, c);
  // The newest open chat is shown when none is: the demo starts on the customer's first chat.
  if (!selected || (isNew && open(c) && !open(chats.get(selected) ?? c))) selected = c.id;
  render();
});
feed.addEventListener('server', (e) => {
  outage = JSON.parse(e.data).outage;
  showServer();
});
render();
