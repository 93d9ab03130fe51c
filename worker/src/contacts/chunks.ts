// Runs async work over a list a few at a time (Durable Object calls: enough parallelism to be quick,
// not so much that a large contact floods the runtime's subrequest limits).

export async function inChunks<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 8): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}
