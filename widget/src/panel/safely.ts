// Wraps an event handler of the panel so that nothing it does can throw into the host page (an
// exception in a listener would reach the page's error handlers), sync or async.

export function safely<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e: unknown) => console.warn("[parley]", e));
    } catch (e) {
      console.warn("[parley]", e);
    }
  };
}
