// What the README asks a SvelteKit app to put in src/app.d.ts: the tags' typings.
import type {} from 'gws-chat/svelte';
