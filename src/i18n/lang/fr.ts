/** French texts (a no-break space before « : ? » and inside « », as French typography wants). */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const strings: GwsChatStrings = {
  transcriptLabel: 'Historique de la conversation',
  you: 'Vous',
  system: 'Système',
  joined: (name) => `${name} a rejoint la conversation`,
  left: (name) => `${name} a quitté la conversation`,
  renamed: (name) => `${name} a changé de nom`,
  sharedLink: (name) => `${name} a partagé un lien\u00a0:`,
  typing: (names) =>
    names.length > 3
      ? 'Plusieurs personnes écrivent…'
      : `${list('fr', names)} ${plural('fr', names.length, { one: 'écrit', other: 'écrivent' })}…`,
  connecting: 'Connexion…',
  reconnecting: 'Connexion perdue. Reconnexion…',
  retryingIn: (n) => `Nouvel essai dans ${seconds('fr', n)}.`,
  crossOrigin: (server, page) =>
    `Impossible de joindre le serveur de chat à l’adresse ${server}. Il se trouve sur une autre origine que cette page\u00a0: `
    + `il doit autoriser l’origine de cette page (${page}) avec identifiants (CORS).`,
  offline: 'Vous êtes hors ligne. Les messages seront envoyés dès que vous serez de nouveau en ligne.',
  reconnectNow: 'Se reconnecter',
  reconnected: 'Reconnecté.',
  disconnected: 'Non connecté',
  ended: 'Cette conversation est terminée.',
  waitingForAgent: 'En attente d’un conseiller…',
  dismiss: 'Fermer',
  empty: 'Aucun message pour l’instant.',
  inputLabel: 'Message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  waiting: 'En attente d’envoi…',
  notSent: 'Non envoyé.',
  unreachable: 'Le serveur est injoignable.',
  refused: 'Le serveur ne l’a pas accepté.',
  unconfirmed: 'Impossible de vérifier s’il est bien arrivé.',
  retry: 'Réessayer',
  retryLabel: (text) => `Réessayer l’envoi de «\u00a0${clip(text)}\u00a0»`,
  endChat: 'Terminer la conversation',
  confirmEnd: 'Terminer cette conversation\u00a0?',
  keepChatting: 'Continuer la conversation',
  startChat: 'Démarrer une conversation',
  starting: 'Démarrage…',
  cannotSend: 'Vous ne pouvez pas envoyer de message pour le moment.',
  noChat: 'Il n’y a aucune conversation à laquelle écrire.',
  tooLong: (length, max) =>
    `Le message est trop long\u00a0: ${number('fr', length)} ${plural('fr', length, { one: 'caractère', other: 'caractères' })}, `
    + `${number('fr', max)} au maximum.`,
  serverError: 'Le serveur a signalé un problème avec cette conversation.',
  chatNotFound: 'Cette conversation est introuvable.',
  logUnavailable: 'Les messages de cette conversation n’ont pas pu être chargés.',
  startFailed: 'La conversation n’a pas pu démarrer. Veuillez réessayer.',
  endFailed: 'La conversation n’a pas pu être terminée. Veuillez réessayer.',
  announceMessage: (name, text) => `${name}\u00a0: ${text}`,
  andMore: (count) => plural('fr', count, {
    one: `Et ${number('fr', count)} autre message.`,
    other: `Et ${number('fr', count)} autres messages.`,
  }),
  newMessages: (count) => plural('fr', count, {
    one: `${number('fr', count)} nouveau message`,
    other: `${number('fr', count)} nouveaux messages`,
  }),
};

export default strings;
