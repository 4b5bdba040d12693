/** Hebrew texts (written right to left; verbs about a participant in the inclusive "/ה" form). */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const n = (count: number) => number('he', count);

const strings: GwsChatStrings = {
  transcriptLabel: 'היסטוריית הצ׳אט',
  you: 'אני',
  system: 'מערכת',
  joined: (name) => `${name} הצטרף/ה לצ׳אט`,
  left: (name) => `${name} עזב/ה את הצ׳אט`,
  renamed: (name) => `${name} שינה/תה את השם`,
  sharedLink: (name) => `${name} שיתף/ה קישור:`,
  typing: (names) =>
    names.length > 3
      ? 'כמה אנשים מקלידים…'
      : `${list('he', names)} ${plural('he', names.length, { one: 'מקליד/ה', other: 'מקלידים' })}…`,
  connecting: 'מתחבר…',
  reconnecting: 'החיבור נותק. מתחבר מחדש…',
  retryingIn: (s) => `ניסיון נוסף בעוד ${seconds('he', s)}.`,
  crossOrigin: (server, page) =>
    `לא ניתן להגיע לשרת הצ׳אט בכתובת ${server}. הוא נמצא במקור שונה מזה של הדף הזה, `
    + `ועליו לאפשר את מקור הדף (${page}) עם פרטי הזדהות (CORS).`,
  offline: 'אין חיבור לאינטרנט. ההודעות יישלחו כשהחיבור יחזור.',
  reconnectNow: 'להתחבר עכשיו',
  reconnected: 'החיבור חזר.',
  disconnected: 'לא מחובר',
  ended: 'הצ׳אט הסתיים.',
  waitingForAgent: 'בהמתנה לנציג…',
  dismiss: 'סגירה',
  empty: 'אין עדיין הודעות.',
  inputLabel: 'הודעה',
  placeholder: 'כתבו הודעה…',
  send: 'שליחה',
  sending: 'בשליחה…',
  waiting: 'ממתינה לשליחה…',
  notSent: 'לא נשלחה.',
  unreachable: 'לא ניתן היה להגיע לשרת.',
  refused: 'השרת לא קיבל אותה.',
  unconfirmed: 'לא ניתן היה לבדוק אם היא הגיעה.',
  retry: 'לנסות שוב',
  retryLabel: (text) => `לנסות שוב לשלוח את "${clip(text)}"`,
  endChat: 'סיום הצ׳אט',
  confirmEnd: 'לסיים את הצ׳אט?',
  keepChatting: 'להמשיך בצ׳אט',
  startChat: 'התחלת צ׳אט',
  starting: 'הצ׳אט מתחיל…',
  cannotSend: 'לא ניתן לשלוח הודעות כרגע.',
  noChat: 'אין צ׳אט פעיל לכתוב אליו.',
  tooLong: (length, max) =>
    `ההודעה ארוכה מדי: ${plural('he', length, { one: 'תו אחד', other: `${n(length)} תווים` })}, לכל היותר ${n(max)}.`,
  serverError: 'השרת דיווח על בעיה בצ׳אט הזה.',
  chatNotFound: 'הצ׳אט הזה לא נמצא.',
  logUnavailable: 'לא ניתן היה לטעון את ההודעות של הצ׳אט הזה.',
  startFailed: 'לא ניתן היה להתחיל את הצ׳אט. נא לנסות שוב.',
  endFailed: 'לא ניתן היה לסיים את הצ׳אט. נא לנסות שוב.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => plural('he', count, {
    one: 'ועוד הודעה אחת.', two: 'ועוד שתי הודעות.', other: `ועוד ${n(count)} הודעות.`,
  }),
  newMessages: (count) => plural('he', count, {
    one: 'הודעה חדשה אחת', two: 'שתי הודעות חדשות', other: `${n(count)} הודעות חדשות`,
  }),
};

export default strings;
