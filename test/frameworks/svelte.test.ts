// A Svelte 5 app: the component apps/svelte/Support.svelte (shown in the README), compiled
// by svelte/compiler at the test runner's start (build-apps.mjs).
import { testApp } from './app-test.js';

testApp('Svelte 5 app (compiled by svelte/compiler)', 'svelte');
