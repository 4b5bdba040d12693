// The test harness of the React apps (not shown in the README): renders an app's
// `Support` (and `SiteChat`, when it has one) into a container, synchronously.
import type { ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AppHandle, AppProps } from '../contract.js';

export function mountWith(Support: ComponentType<AppProps>, SiteChat?: ComponentType<{ url: string }>) {
  return (container: HTMLElement, props: AppProps): AppHandle => {
    const root = createRoot(container);
    const render = (p: AppProps) => flushSync(() => root.render(<>
      <Support {...p} />
      {SiteChat && <SiteChat url={p.url} />}
    </>));
    render(props);
    return { update: render, unmount: () => flushSync(() => root.unmount()) };
  };
}
