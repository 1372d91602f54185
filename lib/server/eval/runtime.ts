import { startEmulator, type RunningEmulator } from "@/lib/emulator/server";
import { createBuiltinAnswerBook } from "@/lib/eval/answer-book";
import { BUILTIN_SUITES } from "@/lib/eval/suites";
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
  const running = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    simulateErrors: options.simulateErrors ?? false,
    timeoutHoldMs: 15_000,
    answerBook: createBuiltinAnswerBook(BUILTIN_SUITES),
  });
  return { url: running.url, running };
}
