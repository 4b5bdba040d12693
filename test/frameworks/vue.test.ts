// A Vue 3 app: the single-file component apps/vue/Support.vue (shown in the README),
// compiled by @vue/compiler-sfc at the test runner's start (build-apps.mjs).
import { testApp } from './app-test.js';

testApp('Vue 3 app (SFC compiled by @vue/compiler-sfc)', 'vue');
