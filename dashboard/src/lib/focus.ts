/**
 * After a route change (or sign-in) the page's heading takes the focus, so screen-reader and keyboard
 * users start at the new content. Views render their heading once their data arrives: wait for it.
 */
export function focusHeading(root: ParentNode = document, timeoutMs = 5000): () => void {
  let stopped = false;
  const started = performance.now();
  const attempt = () => {
    if (stopped) return;
    const heading = root.querySelector<HTMLElement>('main h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
      return;
    }
    if (performance.now() - started < timeoutMs) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
  return () => {
    stopped = true;
  };
}
