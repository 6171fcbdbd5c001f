/**
 * Server throughput for the request every LMS page makes: one batched `ratings.summaries` for a
 * page of items, sent by several concurrent clients over real HTTP for a fixed time.
 */
export async function summariesThroughput(options: {
  serverUrl: string;
  token: string;
  items: string[];
  concurrency: number;
  durationMs: number;
}): Promise<{ requestsPerSecond: number; p50Ms: number; p95Ms: number; errors: number }> {
  const body = JSON.stringify({ 0: { items: options.items } });
  const url = `${options.serverUrl}/trpc/ratings.summaries?batch=1&_method=POST`;
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + options.durationMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body,
      });
      await response.arrayBuffer();
      if (!response.ok) errors++;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
    errors,
  };
}
