/** Japanese texts (polite style). Japanese has no plural forms; counters carry the number. */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, seconds } from '../format.js';

const n = (count: number) => number('ja', count);

const strings: GwsChatStrings = {
  transcriptLabel: 'チャットの履歴',
  you: 'あなた',
  system: 'システム',
  joined: (name) => `${name}がチャットに参加しました`,
  left: (name) => `${name}がチャットから退出しました`,
  renamed: (name) => `${name}が名前を変更しました`,
  sharedLink: (name) => `${name}がリンクを共有しました：`,
  typing: (names) => (names.length > 3 ? '複数の人が入力中…' : `${list('ja', names)}が入力中…`),
  connecting: '接続中…',
  reconnecting: '接続が切れました。再接続しています…',
  retryingIn: (s) => `${seconds('ja', s)}後に再試行します。`,
  crossOrigin: (server, page) =>
    `チャットサーバー（${server}）に接続できませんでした。このページとは別のオリジンにあるため、`
    + `このページのオリジン（${page}）を資格情報付きで許可する必要があります（CORS）。`,
  offline: 'オフラインです。オンラインに戻るとメッセージが送信されます。',
  reconnectNow: '今すぐ再接続',
  reconnected: '再接続しました。',
  disconnected: '未接続',
  ended: 'このチャットは終了しました。',
  waitingForAgent: '担当者の応答を待っています…',
  dismiss: '閉じる',
  empty: 'まだメッセージはありません。',
  inputLabel: 'メッセージ',
  placeholder: 'メッセージを入力…',
  send: '送信',
  sending: '送信中…',
  waiting: '送信待ち…',
  notSent: '送信されませんでした。',
  unreachable: 'サーバーに接続できませんでした。',
  refused: 'サーバーに受け付けられませんでした。',
  unconfirmed: '届いたかどうかを確認できませんでした。',
  retry: '再試行',
  retryLabel: (text) => `「${clip(text)}」の送信を再試行`,
  endChat: 'チャットを終了',
  confirmEnd: 'このチャットを終了しますか？',
  keepChatting: 'チャットを続ける',
  startChat: 'チャットを開始',
  starting: '開始しています…',
  cannotSend: '現在メッセージを送信できません。',
  noChat: '書き込めるチャットがありません。',
  tooLong: (length, max) => `メッセージが長すぎます（${n(length)}文字、上限は${n(max)}文字です）。`,
  serverError: 'サーバーがこのチャットの問題を報告しました。',
  chatNotFound: 'このチャットが見つかりませんでした。',
  logUnavailable: 'このチャットのメッセージを読み込めませんでした。',
  startFailed: 'チャットを開始できませんでした。もう一度お試しください。',
  endFailed: 'チャットを終了できませんでした。もう一度お試しください。',
  announceMessage: (name, text) => `${name}：${text}`,
  andMore: (count) => `ほかに${n(count)}件のメッセージがあります。`,
  newMessages: (count) => `新着メッセージ${n(count)}件`,
};

export default strings;
