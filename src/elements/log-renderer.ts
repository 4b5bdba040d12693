import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage, TranscriptView } from '../model/transcript.js';
import type { GwsChatStrings } from '../i18n/strings.js';
import { prepareTimes, renderMessage } from './message-view.js';
import { nextTask } from '../model/scheduler.js';

/**
 * Log entries per `.chunk` box, about: the browser lays out and paints only the chunks on
 * screen (`content-visibility: auto`), so an append re-lays out one chunk, not the log.
 */
export const CHUNK_SIZE = 50;

/**
 * Entries built again with new texts per task, about: the newest at once, in the render
 * that brought the texts, the older ones in later tasks (a long log is not rebuilt in one
 * task that freezes the page).
 */
export const REFRESH_SLICE = 500;

/** What the log shows, and where. */
export interface LogRendererOptions {
  /** The element the entries go into (rendered empty by the element's template). */
  readonly container: () => HTMLElement | null | undefined;
  readonly transcript: () => TranscriptView;
  readonly strings: () => GwsChatStrings;
  readonly locale: () => string | undefined;
  /**
   * Runs a change that builds entries again in place (new texts), keeping the reader's place
   * (see `AutoscrollController.keepPlace`). Without it, the change just runs.
   */
  readonly keepPlace?: (change: () => void) => void;
}

/**
 * Keeps the log's DOM in step with the transcript after each render of its host: each
 * entry is built once, as plain DOM, and only what changed is touched. Entries come and go
 * in runs (a live message at the end, an older part of a long history above what is
 * shown, a late message in between, entries a catch-up proved wrong): the renderer finds
 * the runs by comparing the entries it shows with the transcript's (same objects), and
 * inserts or removes just their nodes, so nothing on screen is rebuilt or moved (the
 * browser's scroll anchoring keeps the reader's place). New texts or a new locale build
 * the entries again, chunk by chunk from the newest, `REFRESH_SLICE` entries a task.
 */
export class LogRenderer implements ReactiveController {
  #container: HTMLElement | null = null;
  /** The entries shown, in order (the transcript's objects). */
  #shown: ChatMessage[] = [];
  /** The `.chunk` boxes, in order, and how many entries each holds. */
  #chunks: HTMLElement[] = [];
  #sizes: number[] = [];
  /** Per chunk, the generation of texts its entries were built with (see `#version`). */
  #versions: number[] = [];
  /** The generation of the texts: one more at each new `strings` or locale. */
  #version = 0;
  /** Whether every chunk is built with the current texts. */
  #fresh = true;
  #strings: GwsChatStrings | null = null;
  #locale: string | undefined;
  /** The transcript's `edits` when last synchronised. */
  #edits = -1;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: LogRendererOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    // What formatting times needs is loaded while the page is idle, before a history comes.
    (self.requestIdleCallback ?? setTimeout)(() => prepareTimes(this.options.locale()));
    // Back on the page with entries still to build with new texts.
    if (!this.#fresh) this.#later();
  }

  hostUpdated(): void {
    this.sync();
  }

  /** The element of the entry at `position` of the transcript as last synchronised, or `null`. */
  element(position: number): HTMLElement | null {
    const [ci, k] = this.#locate(position);
    return (this.#chunks[ci]?.children[k] as HTMLElement | undefined) ?? null;
  }

  /** Brings the DOM in step with the transcript. */
  sync(): void {
    // The same box while it is on the page (no query per render); another one once replaced.
    const container = this.#container?.isConnected ? this.#container : this.options.container() ?? null;
    const s = this.options.strings();
    const locale = this.options.locale();
    if (s !== this.#strings || locale !== this.#locale) {
      this.#strings = s;
      this.#locale = locale;
      this.#version++;
      this.#fresh = false;
    }
    if (container !== this.#container) {
      this.#container = container;
      this.#shown = [];
      this.#chunks = [];
      this.#sizes = [];
      this.#versions = [];
      container?.replaceChildren();
    }
    if (!container) return;
    this.#apply();
    if (!this.#fresh) this.#refresh();
  }

  /** Inserts and removes the runs of entries that changed since the last time. */
  #apply(): void {
    const prev = this.#shown;
    const transcript = this.options.transcript();
    const next = transcript.entries;
    // What both share at the start and at the end; the runs that changed lie between.
    // Without edits since, what is shown is the start of the transcript (only appends).
    const common = Math.min(prev.length, next.length);
    let a = 0;
    if (transcript.edits === this.#edits && prev.length <= next.length) a = prev.length;
    else while (a < common && prev[a] === next[a]) a++;
    this.#edits = transcript.edits;
    let b = 0;
    while (b < common - a && prev[prev.length - 1 - b] === next[next.length - 1 - b]) b++;
    const prevEnd = prev.length - b;
    const nextEnd = next.length - b;
    if (a === prevEnd && a === nextEnd) return;
    if (a < prevEnd) {
      // Entries gone (from the end back, so positions before stay right).
      const kept = nextEnd > a ? new Set(next.slice(a, nextEnd)) : null;
      for (let j = prevEnd - 1; j >= a; j--) if (!kept?.has(prev[j]!)) this.#remove(j);
    }
    if (a < nextEnd) {
      // New entries, in runs between the ones kept (positions counted as the DOM is now).
      const kept = a < prevEnd ? new Set(prev.slice(a, prevEnd)) : null;
      let i = a;
      while (i < nextEnd) {
        if (kept?.has(next[i]!)) {
          i++;
          continue;
        }
        const start = i;
        while (i < nextEnd && !kept?.has(next[i]!)) i++;
        this.#insert(start, next.slice(start, i));
      }
    }
    if (a === prev.length && b === 0) prev.push(...next.slice(a));
    else this.#shown = next.slice();
  }

  /**
   * Builds the entries of the chunks made with older texts again, from the newest, about
   * `REFRESH_SLICE` of them; the rest in a later render. A chunk keeps its place and its
   * size (positions stay right); what the reader sees stays where it is (`keepPlace`).
   */
  #refresh(): void {
    const rebuild = () => {
      const chunks = this.#chunks;
      const sizes = this.#sizes;
      let end = this.#shown.length;
      let budget = REFRESH_SLICE;
      for (let ci = chunks.length - 1; ci >= 0; ci--) {
        const start = end - sizes[ci]!;
        if (this.#versions[ci] !== this.#version) {
          if (budget <= 0) return this.#later();
          const s = this.#strings!;
          chunks[ci]!.replaceChildren(...this.#shown.slice(start, end).map((m) => renderMessage(m, s, this.#locale)));
          this.#versions[ci] = this.#version;
          budget -= sizes[ci]!;
        }
        end = start;
      }
      this.#fresh = true;
    };
    if (this.options.keepPlace) this.options.keepPlace(rebuild);
    else rebuild();
  }

  /**
   * Goes on building entries with the new texts in a render of a later task, while on the
   * page: the host's render, so what follows one (the focus kept in the element when the
   * entry that had it is built again) follows these too.
   */
  #later(): void {
    nextTask(() => {
      if (this.#container?.isConnected) this.host.requestUpdate();
    });
  }

  /** The chunk and the place in it of the entry at `position` (past the end: `[chunks, 0]`). */
  #locate(position: number): [number, number] {
    const sizes = this.#sizes;
    let ci = 0;
    while (ci < sizes.length && position >= sizes[ci]!) position -= sizes[ci++]!;
    return [ci, position];
  }

  /** A new chunk of `nodes` at `at`, built with the texts of generation `version`. */
  #chunk(nodes: readonly Node[], at: number, version = this.#version): void {
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    chunk.append(...nodes);
    this.#container!.insertBefore(chunk, this.#chunks[at] ?? null);
    this.#chunks.splice(at, 0, chunk);
    this.#sizes.splice(at, 0, nodes.length);
    this.#versions.splice(at, 0, version);
  }

  /** Inserts the elements of `run` at `position`. */
  #insert(position: number, run: readonly ChatMessage[]): void {
    const s = this.#strings!;
    const nodes = run.map((m) => renderMessage(m, s, this.#locale));
    let [ci, k] = this.#locate(position);
    const chunks = this.#chunks;
    const sizes = this.#sizes;
    if (ci === chunks.length) {
      // At the end: the last chunk is filled up, then new ones follow.
      let i = 0;
      const last = ci - 1;
      if (last >= 0 && sizes[last]! < CHUNK_SIZE) {
        i = Math.min(nodes.length, CHUNK_SIZE - sizes[last]!);
        chunks[last]!.append(...nodes.slice(0, i));
        sizes[last]! += i;
      }
      for (; i < nodes.length; i += CHUNK_SIZE) this.#chunk(nodes.slice(i, i + CHUNK_SIZE), chunks.length);
      return;
    }
    if (sizes[ci]! + nodes.length <= 2 * CHUNK_SIZE) {
      // A few: into the chunk where they belong.
      const before = chunks[ci]!.children[k]!;
      before.before(...nodes);
      sizes[ci]! += nodes.length;
      return;
    }
    if (k > 0) {
      // Many, inside a chunk: it is split there, and they go between.
      const chunk = chunks[ci]!;
      this.#chunk([...chunk.children].slice(k), ci + 1, this.#versions[ci]);
      sizes[ci] = k;
      ci++;
    }
    // Whole chunks before chunk `ci`; the partial one first (the oldest entries).
    let end = nodes.length;
    for (; end > 0; end -= CHUNK_SIZE) this.#chunk(nodes.slice(Math.max(0, end - CHUNK_SIZE), end), ci);
  }

  /** Removes the element of the entry at `position`. */
  #remove(position: number): void {
    const [ci, k] = this.#locate(position);
    const chunk = this.#chunks[ci]!;
    chunk.children[k]!.remove();
    if (--this.#sizes[ci]! > 0) return;
    chunk.remove();
    this.#chunks.splice(ci, 1);
    this.#sizes.splice(ci, 1);
    this.#versions.splice(ci, 1);
  }
}
