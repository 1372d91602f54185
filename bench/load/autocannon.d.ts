/** The part of autocannon's API the load benchmark uses (the package ships no types). */
declare module "autocannon" {
  namespace autocannon {
    /** One connection; `setupClient` gets each as it is made. */
    type Client = { setHeaders(headers: Record<string, string>): void };
    type Options = {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds a request may take before it counts as a timeout. */
      timeout?: number;
      headers?: Record<string, string>;
      setupClient?: (client: Client) => void;
    };
    /** Latencies in ms; requests and throughput are per-second samples. */
    type Histogram = {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    };
    type Result = {
      url: string;
      /** Seconds actually run. */
      duration: number;
      requests: Histogram & { sent: number };
      latency: Histogram;
      throughput: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      "2xx": number;
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
