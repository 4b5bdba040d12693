// The test harness of the Angular app (not shown in the README): a zoneless application
// that renders SupportComponent into the container, its inputs set with setInput().
import { createComponent, provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import type { AppHandle, AppProps } from '../contract.js';
import { SupportComponent } from './support.component.js';

export async function mount(container: HTMLElement, initial: AppProps): Promise<AppHandle> {
  const app = await createApplication({ providers: [provideZonelessChangeDetection()] });
  const hostElement = container.appendChild(document.createElement('app-support'));
  const component = createComponent(SupportComponent, { environmentInjector: app.injector, hostElement });
  const update = (props: AppProps) => {
    component.setInput('url', props.url);
    component.setInput('chatId', props.chatId);
    component.changeDetectorRef.detectChanges();
  };
  update(initial);
  app.attachView(component.hostView);
  return {
    update,
    unmount: () => {
      app.destroy();
      hostElement.remove();
    },
  };
}
