/** Spanish texts. */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const strings: GwsChatStrings = {
  transcriptLabel: 'Historial del chat',
  you: 'Tú',
  system: 'Sistema',
  joined: (name) => `${name} se unió al chat`,
  left: (name) => `${name} salió del chat`,
  renamed: (name) => `${name} cambió su nombre`,
  sharedLink: (name) => `${name} compartió un enlace:`,
  typing: (names) =>
    names.length > 3
      ? 'Varias personas están escribiendo…'
      : `${list('es', names)} ${plural('es', names.length, { one: 'está', other: 'están' })} escribiendo…`,
  connecting: 'Conectando…',
  reconnecting: 'Se perdió la conexión. Reconectando…',
  retryingIn: (n) => `Próximo intento en ${seconds('es', n)}.`,
  crossOrigin: (server, page) =>
    `No se pudo contactar con el servidor de chat en ${server}. Está en un origen distinto al de esta página: `
    + `debe permitir el origen de esta página (${page}) con credenciales (CORS).`,
  offline: 'No tienes conexión. Los mensajes se enviarán cuando vuelvas a estar en línea.',
  reconnectNow: 'Reconectar ahora',
  reconnected: 'Conexión restablecida.',
  disconnected: 'Sin conexión',
  ended: 'Este chat ha terminado.',
  waitingForAgent: 'Esperando a un agente…',
  dismiss: 'Cerrar',
  empty: 'Aún no hay mensajes.',
  inputLabel: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  sending: 'Enviando…',
  waiting: 'Pendiente de envío…',
  notSent: 'No enviado.',
  unreachable: 'No se pudo contactar con el servidor.',
  refused: 'El servidor no lo aceptó.',
  unconfirmed: 'No se pudo comprobar si llegó.',
  retry: 'Reintentar',
  retryLabel: (text) => `Reintentar el envío de «${clip(text)}»`,
  endChat: 'Terminar chat',
  confirmEnd: '¿Terminar este chat?',
  keepChatting: 'Seguir chateando',
  startChat: 'Iniciar chat',
  starting: 'Iniciando…',
  cannotSend: 'Ahora no puedes enviar mensajes.',
  noChat: 'No hay ningún chat al que escribir.',
  tooLong: (length, max) =>
    `El mensaje es demasiado largo: ${number('es', length)} ${plural('es', length, { one: 'carácter', other: 'caracteres' })}, `
    + `como máximo ${number('es', max)}.`,
  serverError: 'El servidor informó de un problema con este chat.',
  chatNotFound: 'No se encontró este chat.',
  logUnavailable: 'No se pudieron cargar los mensajes de este chat.',
  startFailed: 'No se pudo iniciar el chat. Inténtalo de nuevo.',
  endFailed: 'No se pudo terminar el chat. Inténtalo de nuevo.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => plural('es', count, {
    one: `Y ${number('es', count)} mensaje más.`,
    other: `Y ${number('es', count)} mensajes más.`,
  }),
  newMessages: (count) => plural('es', count, {
    one: `${number('es', count)} mensaje nuevo`,
    other: `${number('es', count)} mensajes nuevos`,
  }),
};

export default strings;
