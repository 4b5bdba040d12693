/**
 * The texts of `<gws-chat-widget>`'s panel (the pre-chat form, its validation, the end of a
 * chat, the transcript file), in every shipped language. They come with the panel's own
 * file, loaded with the chat when the visitor opens it, never with the loader.
 */
import type { WidgetLanguage } from './launcher.js';

/** The panel's texts. */
export interface GwsWidgetPanelStrings {
  /** Above the pre-chat form (also its accessible name). */
  intro: string;
  /** Label of the name field (required). */
  nickname: string;
  /** Label of the email field (optional). */
  email: string;
  /** Label of the subject field (optional). */
  subject: string;
  /** The form's submit button. */
  start: string;
  /** The form's submit button while the chat is being started. */
  starting: string;
  /** Under the name field when it is empty. */
  nicknameMissing: string;
  /** Under the email field when it is not an email address. */
  emailInvalid: string;
  /** Under the form when the chat could not be started. */
  startFailed: string;
  /** The button that saves the transcript of a chat that ended. */
  transcript: string;
  /** The button that goes back to the form after a chat ended. */
  newChat: string;
  /** Said to screen readers (and describing the launcher) while agent messages are unread: `#` is the count. */
  unread: string;
  /** The sender of the customer's own messages in the transcript file. */
  you: string;
  /** The text of a participant's joining in the transcript file (after their name and a colon). */
  joined: string;
  /** The text of a participant's leaving in the transcript file (after their name and a colon). */
  left: string;
}

/** Each language's panel texts. */
export const PANEL: Record<WidgetLanguage, GwsWidgetPanelStrings> = {
  en: {
    unread: 'New messages: #',
    intro: 'Tell us who you are and an agent will be with you shortly.',
    nickname: 'Your name',
    email: 'Email (optional)',
    subject: 'Subject (optional)',
    start: 'Start chat',
    starting: 'Starting…',
    nicknameMissing: 'Please enter your name.',
    emailInvalid: 'Please enter an email address such as name@example.com.',
    startFailed: 'The chat could not be started. Please try again.',
    transcript: 'Download transcript',
    newChat: 'Start a new chat',
    you: 'You',
    joined: 'joined the chat',
    left: 'left the chat',
  },
  de: {
    unread: 'Neue Nachrichten: #',
    intro: 'Sagen Sie uns, wer Sie sind, und gleich ist jemand für Sie da.',
    nickname: 'Ihr Name',
    email: 'E-Mail (optional)',
    subject: 'Betreff (optional)',
    start: 'Chat starten',
    starting: 'Wird gestartet…',
    nicknameMissing: 'Bitte geben Sie Ihren Namen ein.',
    emailInvalid: 'Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein.',
    startFailed: 'Der Chat konnte nicht gestartet werden. Bitte versuchen Sie es erneut.',
    transcript: 'Verlauf herunterladen',
    newChat: 'Neuen Chat beginnen',
    you: 'Sie',
    joined: 'ist dem Chat beigetreten',
    left: 'hat den Chat verlassen',
  },
  fr: {
    unread: 'Nouveaux messages : #',
    intro: 'Dites-nous qui vous êtes : un conseiller vous répond dans un instant.',
    nickname: 'Votre nom',
    email: 'E-mail (facultatif)',
    subject: 'Objet (facultatif)',
    start: 'Démarrer la conversation',
    starting: 'Démarrage…',
    nicknameMissing: 'Veuillez saisir votre nom.',
    emailInvalid: 'Veuillez saisir une adresse e-mail comme nom@exemple.com.',
    startFailed: 'La conversation n’a pas pu démarrer. Veuillez réessayer.',
    transcript: 'Télécharger la conversation',
    newChat: 'Nouvelle conversation',
    you: 'Vous',
    joined: 'a rejoint la conversation',
    left: 'a quitté la conversation',
  },
  es: {
    unread: 'Mensajes nuevos: #',
    intro: 'Dinos quién eres y un agente te atenderá enseguida.',
    nickname: 'Tu nombre',
    email: 'Correo electrónico (opcional)',
    subject: 'Asunto (opcional)',
    start: 'Iniciar chat',
    starting: 'Iniciando…',
    nicknameMissing: 'Escribe tu nombre.',
    emailInvalid: 'Escribe una dirección de correo como nombre@ejemplo.com.',
    startFailed: 'No se pudo iniciar el chat. Inténtalo de nuevo.',
    transcript: 'Descargar la conversación',
    newChat: 'Iniciar un chat nuevo',
    you: 'Tú',
    joined: 'se unió al chat',
    left: 'salió del chat',
  },
  pt: {
    unread: 'Novas mensagens: #',
    intro: 'Diga-nos quem você é e um atendente falará com você em instantes.',
    nickname: 'Seu nome',
    email: 'E-mail (opcional)',
    subject: 'Assunto (opcional)',
    start: 'Iniciar conversa',
    starting: 'Iniciando…',
    nicknameMissing: 'Informe seu nome.',
    emailInvalid: 'Informe um endereço de e-mail como nome@exemplo.com.',
    startFailed: 'Não foi possível iniciar a conversa. Tente novamente.',
    transcript: 'Baixar a conversa',
    newChat: 'Iniciar nova conversa',
    you: 'Você',
    joined: 'entrou na conversa',
    left: 'saiu da conversa',
  },
  ar: {
    unread: 'رسائل جديدة: #',
    intro: 'أخبرنا من أنت وسيتواصل معك أحد الموظفين قريبًا.',
    nickname: 'اسمك',
    email: 'البريد الإلكتروني (اختياري)',
    subject: 'الموضوع (اختياري)',
    start: 'بدء محادثة',
    starting: 'جارٍ البدء…',
    nicknameMissing: 'يُرجى إدخال اسمك.',
    emailInvalid: 'يُرجى إدخال عنوان بريد إلكتروني مثل name@example.com.',
    startFailed: 'تعذّر بدء المحادثة. يُرجى المحاولة مرة أخرى.',
    transcript: 'تنزيل نص المحادثة',
    newChat: 'بدء محادثة جديدة',
    you: 'أنت',
    joined: 'انضم إلى المحادثة',
    left: 'غادر المحادثة',
  },
  he: {
    unread: 'הודעות חדשות: #',
    intro: 'ספרו לנו מי אתם ונציג יהיה איתכם בקרוב.',
    nickname: 'השם שלך',
    email: 'דוא״ל (רשות)',
    subject: 'נושא (רשות)',
    start: 'התחלת צ׳אט',
    starting: 'מתחיל…',
    nicknameMissing: 'נא להזין את השם שלך.',
    emailInvalid: 'נא להזין כתובת דוא״ל כמו name@example.com.',
    startFailed: 'לא ניתן היה להתחיל את הצ׳אט. נא לנסות שוב.',
    transcript: 'הורדת תמליל השיחה',
    newChat: 'התחלת צ׳אט חדש',
    you: 'אני',
    joined: 'הצטרף/ה לצ׳אט',
    left: 'עזב/ה את הצ׳אט',
  },
  ja: {
    unread: '新着メッセージ: #',
    intro: 'お名前を入力してください。担当者がすぐに対応します。',
    nickname: 'お名前',
    email: 'メールアドレス（任意）',
    subject: '件名（任意）',
    start: 'チャットを開始',
    starting: '開始しています…',
    nicknameMissing: 'お名前を入力してください。',
    emailInvalid: 'name@example.com のようなメールアドレスを入力してください。',
    startFailed: 'チャットを開始できませんでした。もう一度お試しください。',
    transcript: '会話の記録をダウンロード',
    newChat: '新しいチャットを開始',
    you: 'あなた',
    joined: 'チャットに参加しました',
    left: 'チャットから退出しました',
  },
};
