// web-test-runner's default reporter without its noise: 404s that the GWS simulators answer
// on purpose (unknown chats, sessions dropped in an outage: the tests ask for them) are not
// listed (a 404 of any other file still is), and the final progress block is printed once
// (the runner asks for it at the end of the run and again when it stops); outside a terminal
// the progress block is not repeated every 10 s either.
import { defaultReporter } from '@web/test-runner';

/** Paths the simulators serve (web-test-runner.config.mjs mounts them under these). */
const SIMULATED = /^\/?(gws[^/]*\/)?api\/v2\//;

export function quietReporter() {
  const base = defaultReporter();
  let lastFinal = false;
  return {
    ...base,
    start(args) {
      base.start(args);
    },
    reportTestFileResults({ logger, sessionsForTestFile, testFile }) {
      const sessions = sessionsForTestFile.map((s) => ({
        ...s,
        request404s: s.request404s.filter((path) => !SIMULATED.test(path)),
      }));
      return base.reportTestFileResults({ logger, sessionsForTestFile: sessions, testFile });
    },
    getTestProgress(args) {
      const report = base.getTestProgress(args);
      const finished = args.sessions.length > 0 && args.sessions.every((s) => s.status === 'FINISHED');
      // Not a terminal (CI, a log file): no progress block every 10 s, only the last one.
      if (!finished) return process.stdout.isTTY ? report : [];
      // Asked again when the runner stops (with a new elapsed time): said once is enough.
      if (lastFinal) return [];
      lastFinal = true;
      return report;
    },
  };
}
