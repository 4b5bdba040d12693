// What every framework app bundle exports (test/frameworks/apps/*), and what its tests
// drive (test/frameworks/app-test.ts).

/** The props every app's `Support` component takes. */
export interface AppProps {
  readonly url: string;
  readonly chatId: string;
}

/** A mounted app: re-render it with new props, take it down. */
export interface AppHandle {
  update(props: AppProps): void | Promise<void>;
  unmount(): void;
}

/** An app bundle's module. */
export interface AppModule {
  mount(container: HTMLElement, props: AppProps): AppHandle | Promise<AppHandle>;
}
