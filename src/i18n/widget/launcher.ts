/**
 * The texts of `<gws-chat-widget>`'s loader (the launcher, the panel's frame, the
 * invitation, the badge), in every shipped language. They travel inside the loader itself,
 * so that a visitor who never opens the chat downloads nothing else: each language is one
 * `|`-separated line, in the order of `LAUNCHER_KEYS` (small once compressed). The texts of
 * the pre-chat form and of the end of a chat come with the panel (`./panel.ts`).
 */

/** The loader's texts, by name. */
export interface GwsWidgetLauncherStrings {
  /** The launcher's accessible name, and the panel's title (its accessible name too). */
  open: string;
  /** The panel's close button, and the invitation's (their accessible name). */
  close: string;
  /** The proactive invitation's text. */
  invite: string;
  /** In the panel when the chat could not be loaded: the button that tries again. */
  failed: string;
}

/** The order of the entries on each line of `LAUNCHER`. */
export const LAUNCHER_KEYS = [
  'open', 'close', 'invite', 'failed',
] as const satisfies readonly (keyof GwsWidgetLauncherStrings)[];

/** The languages shipped, as in `../languages.ts`. */
export type WidgetLanguage = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ar' | 'he' | 'ja';

/** Each language's texts, one `|`-separated line in the order of `LAUNCHER_KEYS`. */
export const LAUNCHER: Record<WidgetLanguage, string> = {
  en: 'Chat with us|Close|Questions? We’re here to help.|Could not load the chat. Try again',
  de: 'Chatten Sie mit uns|Schließen|Fragen? Wir helfen gern.|Der Chat konnte nicht geladen werden. Erneut versuchen',
  fr: 'Discutez avec nous|Fermer|Une question ? Nous sommes là.|La conversation n’a pas pu être chargée. Réessayer',
  es: 'Chatea con nosotros|Cerrar|¿Preguntas? Estamos aquí para ayudarte.|No se pudo cargar el chat. Reintentar',
  pt: 'Fale conosco|Fechar|Dúvidas? Estamos aqui para ajudar.|Não foi possível carregar a conversa. Tentar novamente',
  ar: 'تحدث معنا|إغلاق|لديك سؤال؟ يسعدنا مساعدتك.|تعذّر تحميل المحادثة. إعادة المحاولة',
  he: 'דברו איתנו|סגירה|יש שאלות? נשמח לעזור.|לא ניתן היה לטעון את הצ׳אט. ניסיון נוסף',
  ja: 'チャットで問い合わせ|閉じる|ご質問はお気軽にどうぞ。|チャットを読み込めませんでした。再試行',
};

/** The loader's texts in `code`. */
export function launcherStrings(code: WidgetLanguage): GwsWidgetLauncherStrings {
  // In the order of LAUNCHER_KEYS (test/widget/strings.test.ts checks every line has them all).
  const [open, close, invite, failed] = LAUNCHER[code].split('|') as [string, string, string, string];
  return { open, close, invite, failed };
}

/** The shipped language of a language tag (`pt-BR` → `pt`), else English. */
export function widgetLanguage(tag: string | null | undefined): WidgetLanguage {
  const code = (tag ?? '').toLowerCase().split(/[-_]/)[0]!;
  return Object.hasOwn(LAUNCHER, code) ? code as WidgetLanguage : 'en';
}

