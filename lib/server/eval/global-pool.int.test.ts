import { afterEach, describe, expect, it } from "vitest";
import { createProxyLedger, startCountingProxy } from "@/lib/testing/counting-proxy";
import {
  launchSuiteRun,
  startEvalRig,
  startTestWorker,
  waitForRunToFinish,
} from "@/lib/testing/eval-harness";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * A run's concurrency is one pool across its targets (issue 19): calls in flight across the run
 * never pass it, a target that still has work gets the slots a finished one frees, and an optional
 * per-platform cap holds inside it. Measured where a provider would see it: a counting proxy in
 * front of the emulator, which holds one platform's calls longer (the slow cloud).
 */

const databases = freshDatabasePool("globalpool");
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await databases.dropAll();
});

/** A rig whose worker calls the emulator through a proxy that holds anthropic's calls 120 ms. */
async function slowAnthropicWorld(label: string) {
  const rig = await startEvalRig(databases, label);
  cleanups.push(() => rig.close());
  const ledger = createProxyLedger();
  const proxy = await startCountingProxy(rig.emulator.url, ledger, {
    holdMsByPlatform: { anthropic: 120, openai: 5 },
  });
  cleanups.push(() => proxy.close());
  const worker = await startTestWorker(rig, { emulatorUrl: proxy.url });
  cleanups.push(() => worker.stop(1_000));
  return { rig, ledger, proxyUrl: proxy.url };
}

describe("one concurrency pool per run", () => {
  it("keeps the run's calls in flight within its concurrency and gives the slow platform the freed slots", async () => {
    const { rig, ledger, proxyUrl } = await slowAnthropicWorld("pool");
    const { runId } = await launchSuiteRun(rig, {
      suite: "factual-qa",
      platforms: ["openai", "anthropic"],
      emulatorUrl: proxyUrl,
      repeats: 2,
      concurrency: 6,
    });
    const run = await waitForRunToFinish(rig.db, runId, 90_000);
    expect(run.status).toBe("completed");
    // Before, 6 meant 6 per platform: 12 calls at once across the two.
    expect(ledger.maxInFlight).toBe(6);
    // The fast platform finishes first; its slots then go to the slow one, which reaches all 6.
    expect(ledger.maxInFlightByPlatform.anthropic).toBe(6);
  }, 120_000);

  it("holds a per-platform cap inside the run's pool", async () => {
    const { rig, ledger, proxyUrl } = await slowAnthropicWorld("cap");
    const { runId } = await launchSuiteRun(rig, {
      suite: "factual-qa",
      platforms: ["openai", "anthropic"],
      emulatorUrl: proxyUrl,
      repeats: 2,
      concurrency: 6,
      platformConcurrency: 4,
    });
    const run = await waitForRunToFinish(rig.db, runId, 90_000);
    expect(run.status).toBe("completed");
    expect(ledger.maxInFlight).toBeLessThanOrEqual(6);
    expect(ledger.maxInFlightByPlatform.anthropic).toBe(4);
    expect(ledger.maxInFlightByPlatform.openai).toBeLessThanOrEqual(4);
  }, 120_000);
});
