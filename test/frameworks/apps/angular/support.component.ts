import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import 'gws-chat/gws-chat.js';
import type { GwsMessageDetail } from 'gws-chat';

@Component({
  selector: 'app-support',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <section>
      <gws-chat #chat [url]="url()" [interactionId]="chatId()" [strings]="strings" [typingTimeout]="5000"
        (gws-message)="onMessage($event)" (gws-send)="sent.update((s) => [...s, $event.detail.text])"></gws-chat>
      <button class="ask" (click)="chat.send('Where is my order?')">Ask about my order</button>
      <output class="heard">{{ heard().join(' | ') }}</output>
      <output class="sent">{{ sent().join(' | ') }}</output>
    </section>
  `,
})
export class SupportComponent {
  readonly url = input.required<string>();
  readonly chatId = input.required<string>();
  readonly strings = { empty: 'Ask us anything' };
  readonly heard = signal<string[]>([]);
  readonly sent = signal<string[]>([]);

  onMessage(e: CustomEvent<GwsMessageDetail>) {
    const { from, text } = e.detail.message;
    this.heard.update((h) => [...h, `${from?.nickname ?? ''}: ${text}`]);
  }
}
