/**
 * Where the first element that begins in the view (below `y`, its top) is under `root`, or
 * the one the view's top cuts through when none does: its position among `root`'s children,
 * then among that child's (two levels: the log's chunks, then their entries).
 */
function pathAt(root: Element, y: number): number[] {
  const path: number[] = [];
  let node = root;
  for (let depth = 0; depth < 2; depth++) {
    const children = node.children;
    let i = 0;
    while (i < children.length && children[i]!.getBoundingClientRect().bottom <= y) i++;
    if (i === children.length) break;
    // A chunk cut by the view's top holds the entry; an entry cut by it is passed for the next.
    if (depth === 1 && i + 1 < children.length && children[i]!.getBoundingClientRect().top < y) i++;
    path.push(i);
    node = children[i]!;
  }
  return path;
}

/** The element at `path` under `root` (see `pathAt`), if there is one. */
function nodeAt(root: Element, path: readonly number[]): Element | undefined {
  let node: Element | undefined = path.length ? root : undefined;
  for (const i of path) node = node?.children[i];
  return node;
}

/**
 * Runs `change`, which builds elements of `content` again in place (the same number at each
 * level), and scrolls `view` so that the first element that began in it is back at the same
 * height, whatever the browser's scroll anchoring did (the node it anchored on may be gone).
 */
export function keepInView(view: HTMLElement, content: Element, change: () => void): void {
  const path = pathAt(content, view.getBoundingClientRect().top);
  const before = nodeAt(content, path)?.getBoundingClientRect().top;
  change();
  const after = nodeAt(content, path)?.getBoundingClientRect().top;
  if (before !== undefined && after !== undefined) view.scrollTop += after - before;
}
