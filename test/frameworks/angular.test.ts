// An Angular app: the component apps/angular/support.component.ts (shown in the README),
// compiled ahead of time by ngc at the test runner's start (build-apps.mjs), zoneless.
import { testApp } from './app-test.js';

testApp('Angular app (compiled ahead of time by ngc)', 'angular');
