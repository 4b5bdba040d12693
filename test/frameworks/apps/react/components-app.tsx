// The React components app (Support.tsx, shown in the README), bundled twice: with React 19
// and with React 18 (test/frameworks/build-apps.mjs aliases `react` to `react-18`).
import { version } from 'react';
import { SiteChat, Support } from './Support.js';
import { mountWith } from './mount.js';

export const mount = mountWith(Support, SiteChat);
export const reactVersion = version;
