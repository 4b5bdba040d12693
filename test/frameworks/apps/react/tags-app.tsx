// The React 19 bare-tags app (SupportTags.tsx, shown in the README).
import { version } from 'react';
import { Support } from './SupportTags.js';
import { mountWith } from './mount.js';

export const mount = mountWith(Support);
export const reactVersion = version;
