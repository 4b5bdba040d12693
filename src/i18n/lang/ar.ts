/** Arabic texts (Modern Standard Arabic; written right to left). */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural, seconds } from '../format.js';

const n = (count: number) => number('ar', count);

const strings: GwsChatStrings = {
  transcriptLabel: 'سجل المحادثة',
  you: 'أنت',
  system: 'النظام',
  joined: (name) => `انضم ${name} إلى المحادثة`,
  left: (name) => `غادر ${name} المحادثة`,
  renamed: (name) => `غيّر ${name} اسمه`,
  sharedLink: (name) => `شارك ${name} رابطًا:`,
  typing: (names) =>
    names.length > 3
      ? 'يكتب عدة أشخاص…'
      : `${list('ar', names)} ${plural('ar', names.length, { one: 'يكتب', two: 'يكتبان', other: 'يكتبون' })}…`,
  connecting: 'جارٍ الاتصال…',
  reconnecting: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  retryingIn: (s) => `المحاولة التالية بعد ${seconds('ar', s)}.`,
  crossOrigin: (server, page) =>
    `تعذّر الوصول إلى خادم المحادثة على ${server}. الخادم على أصل مختلف عن أصل هذه الصفحة، `
    + `ويجب أن يسمح لأصل هذه الصفحة (${page}) مع بيانات الاعتماد (CORS).`,
  offline: 'أنت غير متصل بالإنترنت. ستُرسل الرسائل عند عودة الاتصال.',
  reconnectNow: 'إعادة الاتصال الآن',
  reconnected: 'عاد الاتصال.',
  disconnected: 'غير متصل',
  ended: 'انتهت هذه المحادثة.',
  waitingForAgent: 'في انتظار أحد الموظفين…',
  dismiss: 'إغلاق',
  empty: 'لا توجد رسائل بعد.',
  inputLabel: 'الرسالة',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  waiting: 'في انتظار الإرسال…',
  notSent: 'لم تُرسل.',
  unreachable: 'تعذّر الوصول إلى الخادم.',
  refused: 'لم يقبلها الخادم.',
  unconfirmed: 'تعذّر التحقق من وصولها.',
  retry: 'إعادة المحاولة',
  retryLabel: (text) => `إعادة المحاولة لإرسال «${clip(text)}»`,
  endChat: 'إنهاء المحادثة',
  confirmEnd: 'هل تريد إنهاء هذه المحادثة؟',
  keepChatting: 'متابعة المحادثة',
  startChat: 'بدء محادثة',
  starting: 'جارٍ البدء…',
  cannotSend: 'لا يمكنك إرسال رسائل الآن.',
  noChat: 'لا توجد محادثة للكتابة فيها.',
  tooLong: (length, max) =>
    `الرسالة طويلة جدًا: ${plural('ar', length, {
      one: 'حرف واحد', two: 'حرفان', few: `${n(length)} أحرف`, many: `${n(length)} حرفًا`, other: `${n(length)} حرف`,
    })}، والحد الأقصى ${n(max)}.`,
  serverError: 'أبلغ الخادم عن مشكلة في هذه المحادثة.',
  chatNotFound: 'تعذّر العثور على هذه المحادثة.',
  logUnavailable: 'تعذّر تحميل رسائل هذه المحادثة.',
  startFailed: 'تعذّر بدء المحادثة. يُرجى المحاولة مرة أخرى.',
  endFailed: 'تعذّر إنهاء المحادثة. يُرجى المحاولة مرة أخرى.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => plural('ar', count, {
    one: 'ورسالة أخرى.', two: 'ورسالتان أخريان.', few: `و${n(count)} رسائل أخرى.`, other: `و${n(count)} رسالة أخرى.`,
  }),
  newMessages: (count) => plural('ar', count, {
    one: 'رسالة جديدة واحدة', two: 'رسالتان جديدتان', few: `${n(count)} رسائل جديدة`, other: `${n(count)} رسالة جديدة`,
  }),
};

export default strings;
