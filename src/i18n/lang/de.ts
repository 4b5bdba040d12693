/** German texts. */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const strings: GwsChatStrings = {
  transcriptLabel: 'Chatverlauf',
  you: 'Sie',
  system: 'System',
  joined: (name) => `${name} ist dem Chat beigetreten`,
  left: (name) => `${name} hat den Chat verlassen`,
  renamed: (name) => `${name} hat den Namen geändert`,
  sharedLink: (name) => `${name} hat einen Link geteilt:`,
  typing: (names) =>
    names.length > 3
      ? 'Mehrere Personen schreiben…'
      : `${list('de', names)} ${plural('de', names.length, { one: 'schreibt', other: 'schreiben' })}…`,
  connecting: 'Verbindung wird hergestellt…',
  reconnecting: 'Verbindung unterbrochen. Neuer Verbindungsversuch…',
  retryingIn: (n) => `Nächster Versuch in ${seconds('de', n)}.`,
  crossOrigin: (server, page) =>
    `Der Chat-Server unter ${server} ist nicht erreichbar. Er liegt auf einem anderen Ursprung als diese Seite: `
    + `Er muss den Ursprung dieser Seite (${page}) mit Anmeldedaten zulassen (CORS).`,
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald Sie wieder online sind.',
  reconnectNow: 'Jetzt verbinden',
  reconnected: 'Wieder verbunden.',
  disconnected: 'Nicht verbunden',
  ended: 'Dieser Chat wurde beendet.',
  waitingForAgent: 'Warten auf einen Mitarbeiter…',
  dismiss: 'Schließen',
  empty: 'Noch keine Nachrichten.',
  inputLabel: 'Nachricht',
  placeholder: 'Nachricht eingeben…',
  send: 'Senden',
  sending: 'Wird gesendet…',
  waiting: 'Wartet auf Versand…',
  notSent: 'Nicht gesendet.',
  unreachable: 'Der Server war nicht erreichbar.',
  refused: 'Der Server hat sie nicht angenommen.',
  unconfirmed: 'Ob sie angekommen ist, ließ sich nicht prüfen.',
  retry: 'Erneut senden',
  retryLabel: (text) => `„${clip(text)}“ erneut senden`,
  endChat: 'Chat beenden',
  confirmEnd: 'Diesen Chat beenden?',
  keepChatting: 'Weiterchatten',
  startChat: 'Chat starten',
  starting: 'Wird gestartet…',
  cannotSend: 'Sie können gerade keine Nachrichten senden.',
  noChat: 'Es gibt keinen Chat, in den Sie schreiben können.',
  tooLong: (length, max) => `Die Nachricht ist zu lang: ${number('de', length)} Zeichen, höchstens ${number('de', max)}.`,
  serverError: 'Der Server hat ein Problem mit diesem Chat gemeldet.',
  chatNotFound: 'Dieser Chat wurde nicht gefunden.',
  logUnavailable: 'Die Nachrichten dieses Chats konnten nicht geladen werden.',
  startFailed: 'Der Chat konnte nicht gestartet werden. Bitte versuchen Sie es erneut.',
  endFailed: 'Der Chat konnte nicht beendet werden. Bitte versuchen Sie es erneut.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => plural('de', count, {
    one: `Und ${number('de', count)} weitere Nachricht.`,
    other: `Und ${number('de', count)} weitere Nachrichten.`,
  }),
  newMessages: (count) => plural('de', count, {
    one: `${number('de', count)} neue Nachricht`,
    other: `${number('de', count)} neue Nachrichten`,
  }),
};

export default strings;
