/**
 * Typed values of the GWS v2 notification format, after validation. Everything here has
 * passed `parseNotification`; nothing here is raw wire data.
 */

/**
 * Participant kinds seen on GWS (open-ended: unknown kinds pass through as strings). The
 * parser spells known kinds canonically whatever the case sent, so compare them exactly.
 */
export type ParticipantType =
  | 'Customer'
  | 'Client'
  | 'Agent'
  | 'Supervisor'
  | 'External'
  | (string & {});

/** A chat participant as the server describes it. */
export interface Participant {
  /** Server-assigned participant id; empty when the server omitted it. */
  readonly participantId: string;
  /** Display name (untrusted text: render as text only). */
  readonly nickname: string;
  /** `Customer`, `Agent`, ... */
  readonly type: ParticipantType;
}

/**
 * Interaction states seen on GWS (open-ended). The parser spells known states canonically
 * whatever the case sent (`completed` → `Completed`), so compare them exactly.
 */
export type InteractionState =
  | 'WaitingForAgent'
  | 'Invited'
  | 'Chatting'
  | 'Idle'
  | 'LeftChat'
  | 'Completed'
  | 'Revoked'
  | (string & {});

/** Message types the transcript renders as log entries. */
export type LogMessageType =
  | 'Text'
  | 'ParticipantJoined'
  | 'ParticipantLeft'
  | 'Notice'
  | 'CustomNotice'
  | 'NicknameUpdated'
  | 'PushUrl';

/** Message types that drive the typing indicator instead of the log. */
export type TypingMessageType = 'TypingStarted' | 'TypingStopped';

/** One message of a `MessageLogUpdated` notification, validated. */
export interface WireMessage {
  /** Position in the server's log. Not unique: distinct messages may share one. */
  readonly index: number;
  /**
   * Message type: known types in their canonical spelling, unknown types as sent (kept so
   * indices stay accounted for).
   */
  readonly type: LogMessageType | TypingMessageType | (string & {});
  /** Sender; `null` for system messages without one. */
  readonly from: Participant | null;
  /** `text`, or `noticeText` for notices; empty when absent. */
  readonly text: string;
  /** The URL of a `PushUrl` message (unchecked: the view decides what may become a link). */
  readonly url: string;
  /** `visibility` as sent; only `All` may ever reach the customer. */
  readonly visibility: string;
  /** Epoch milliseconds, or `null` when the server sent no usable time. */
  readonly time: number | null;
}

/** The interaction resource carried by a state notification (fields present on the wire). */
export interface InteractionResource {
  readonly id: string;
  readonly uri?: string;
  readonly state?: InteractionState;
  readonly capabilities?: readonly string[];
  readonly participants?: readonly Participant[];
  readonly userData?: Readonly<Record<string, unknown>>;
}

/**
 * `notificationType` values seen on GWS (open-ended). `NewMessages` comes with
 * `MessageLogUpdated`; the others with `*StateChangeMessage`.
 */
export type NotificationType =
  | 'StatusChange'
  | 'ParticipantsUpdated'
  | 'PropertiesUpdated'
  | 'Error'
  | 'NewMessages'
  | (string & {});

/** `*StateChangeMessage`: StatusChange, ParticipantsUpdated, PropertiesUpdated or Error. */
export interface StateNotification {
  readonly kind: 'state';
  /** Known types in their canonical spelling (`Error`, whatever the case sent); others as sent. */
  readonly notificationType: NotificationType;
  readonly resource: InteractionResource;
  readonly referenceId: number | null;
  /** For `Error` notifications: the server's description, if any. */
  readonly errorMessage: string | null;
}

/** `MessageLogUpdated` / `NewMessages`. */
export interface LogNotification {
  readonly kind: 'log';
  /** The resource location (`chatUri`, or `chatPath` when no URI was sent). */
  readonly resourceUri: string;
  readonly messages: readonly WireMessage[];
}

export type Notification = StateNotification | LogNotification;

/** A part of a notification that was rejected, with the reason in plain words. */
export interface Rejection {
  readonly reason: string;
}

/**
 * Result of parsing one notification: either a notification (possibly with some of its
 * messages rejected individually) or a rejection of the whole notification.
 */
export type ParseResult =
  | {
    readonly ok: true;
    readonly notification: Notification;
    readonly rejected: readonly Rejection[];
    /**
     * What was cut or dropped for being over a size limit, in one reason (the rest is kept);
     * absent when nothing was. A repeated notification gives the identical reason.
     */
    readonly trimmed?: string;
  }
  | {
    readonly ok: false;
    readonly reason: string;
    /**
     * True when the input is well-formed but of a kind this version does not handle (an
     * unknown `messageType`): ignore it rather than report it.
     */
    readonly unsupported?: boolean;
  };
