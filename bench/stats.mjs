// Figures of repeated runs, and the one table `npm run bench` prints.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The nearest-rank 95th percentile. */
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];

/** How a unit's numbers are written. */
const UNITS = {
  B: (n) => `${Math.round(n).toLocaleString('en')} B`,
  ms: (n) => `${n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ms`,
  MB: (n) => `${n.toFixed(2)} MB`,
  count: (n) => `${Math.round(n)}`,
};
const bare = (unit, n) => UNITS[unit](n).replace(/ (B|ms|MB)$/, '');

/** `median (min–max)` of samples, or the one value; `—` for none. */
export function cell(samples, unit) {
  if (!samples?.length) return '—';
  if (samples.some((x) => !Number.isFinite(x))) return 'not reached';
  const m = median(samples);
  if (samples.length === 1 || Math.min(...samples) === Math.max(...samples)) return UNITS[unit](m);
  return `${UNITS[unit](m)} (${bare(unit, Math.min(...samples))}–${bare(unit, Math.max(...samples))})`;
}

/**
 * A row's target: `check(ours, peer)` on the medians answers whether it is met.
 * @typedef {{ text: string, check: (ours: number, peer: number) => boolean }} Target
 */
export const atMost = (limit, text) => ({ text, check: (ours) => ours <= limit });

/**
 * Prints the table: workload | gws-chat | peer | ratio | target. Each row:
 * `{ workload, unit, ours: number[], peer?: number[], peerNote?: string, target?: Target }`.
 */
export function printTable(rows, peerName) {
  const lines = rows.map((r) => {
    const o = r.ours?.length && r.ours.every(Number.isFinite) ? median(r.ours) : Number.NaN;
    const p = r.peer?.length && r.peer.every(Number.isFinite) ? median(r.peer) : Number.NaN;
    const ratio = Number.isFinite(o) && Number.isFinite(p) && p !== 0 ? `${(o / p).toFixed(o / p >= 10 ? 0 : 2)}×` : '—';
    const met = r.target && Number.isFinite(o) ? (r.target.check(o, p) ? ' ✔' : ' ✘') : '';
    const peer = cell(r.peer, r.unit) + (r.peerNote && r.peer?.length ? ` ${r.peerNote}` : '');
    return [r.workload, cell(r.ours, r.unit), peer, ratio, r.target ? r.target.text + met : ''];
  });
  const head = ['workload', 'gws-chat', peerName, 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(line(l));
}
