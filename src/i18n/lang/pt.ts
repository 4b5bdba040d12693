/** Portuguese texts (Brazilian usage; understood in every Portuguese-speaking country). */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const strings: GwsChatStrings = {
  transcriptLabel: 'Histórico da conversa',
  you: 'Você',
  system: 'Sistema',
  joined: (name) => `${name} entrou na conversa`,
  left: (name) => `${name} saiu da conversa`,
  renamed: (name) => `${name} mudou de nome`,
  sharedLink: (name) => `${name} compartilhou um link:`,
  typing: (names) =>
    names.length > 3
      ? 'Várias pessoas estão digitando…'
      : `${list('pt', names)} ${plural('pt', names.length, { one: 'está', other: 'estão' })} digitando…`,
  connecting: 'Conectando…',
  reconnecting: 'Conexão perdida. Reconectando…',
  retryingIn: (n) => `Nova tentativa em ${seconds('pt', n)}.`,
  crossOrigin: (server, page) =>
    `Não foi possível acessar o servidor de chat em ${server}. Ele está em uma origem diferente da desta página: `
    + `precisa permitir a origem desta página (${page}) com credenciais (CORS).`,
  offline: 'Você está off-line. As mensagens serão enviadas quando você voltar a ficar on-line.',
  reconnectNow: 'Reconectar agora',
  reconnected: 'Reconectado.',
  disconnected: 'Desconectado',
  ended: 'Esta conversa foi encerrada.',
  waitingForAgent: 'Aguardando um atendente…',
  dismiss: 'Fechar',
  empty: 'Nenhuma mensagem ainda.',
  inputLabel: 'Mensagem',
  placeholder: 'Digite uma mensagem…',
  send: 'Enviar',
  sending: 'Enviando…',
  waiting: 'Aguardando envio…',
  notSent: 'Não enviada.',
  unreachable: 'Não foi possível acessar o servidor.',
  refused: 'O servidor não a aceitou.',
  unconfirmed: 'Não foi possível verificar se ela chegou.',
  retry: 'Tentar novamente',
  retryLabel: (text) => `Tentar novamente o envio de “${clip(text)}”`,
  endChat: 'Encerrar conversa',
  confirmEnd: 'Encerrar esta conversa?',
  keepChatting: 'Continuar conversando',
  startChat: 'Iniciar conversa',
  starting: 'Iniciando…',
  cannotSend: 'No momento, você não pode enviar mensagens.',
  noChat: 'Não há nenhuma conversa para a qual escrever.',
  tooLong: (length, max) =>
    `A mensagem é longa demais: ${number('pt', length)} ${plural('pt', length, { one: 'caractere', other: 'caracteres' })}, `
    + `no máximo ${number('pt', max)}.`,
  serverError: 'O servidor relatou um problema com esta conversa.',
  chatNotFound: 'Esta conversa não foi encontrada.',
  logUnavailable: 'Não foi possível carregar as mensagens desta conversa.',
  startFailed: 'Não foi possível iniciar a conversa. Tente novamente.',
  endFailed: 'Não foi possível encerrar a conversa. Tente novamente.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => plural('pt', count, {
    one: `E mais ${number('pt', count)} mensagem.`,
    other: `E mais ${number('pt', count)} mensagens.`,
  }),
  newMessages: (count) => plural('pt', count, {
    one: `${number('pt', count)} nova mensagem`,
    other: `${number('pt', count)} novas mensagens`,
  }),
};

export default strings;
