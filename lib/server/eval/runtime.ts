import type { RunningEmulator } from "@/lib/emulator/server";
import type { Db } from "../ops/db-client";
import { needsEmulator, resolvePlatformConnections } from "../ops/router-setup";

/**
 * The emulator for command-line workers and evaluations: the one named by CROSSBENCH_EMULATOR_URL
 * (for example the one `npm start` runs), else an in-process one when some platform has no real
 * credentials. The same seed answers the same way everywhere, so workers on other machines agree.
 */
export async function resolveCliEmulator(
  db: Db,
  env: Record<string, string | undefined>,
  options: { simulateErrors?: boolean } = {},
): Promise<{ url: string | null; running: RunningEmulator | null }> {
  if (env.CROSSBENCH_EMULATOR_URL) return { url: env.CROSSBENCH_EMULATOR_URL, running: null };
  if (!needsEmulator(await resolvePlatformConnections(db, env, null))) {
    return { url: null, running: null };
  }
  // Loaded only here: the emulator's modules take about a second to load, and a command given
  // an emulator (or real credentials) never needs them.
  const [{ startEmulator }, { createBuiltinAnswerBook }, { BUILTIN_SUITES }] = await Promise.all([
    import("@/lib/emulator/server"),
    import("@/lib/eval/answer-book"),
    import("@/lib/eval/suites"),
  ]);
  const running = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    simulateErrors: options.simulateErrors ?? false,
    timeoutHoldMs: 15_000,
    answerBook: createBuiltinAnswerBook(BUILTIN_SUITES),
  });
  return { url: running.url, running };
}
