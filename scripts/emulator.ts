import { z } from "zod";
import { startEmulator } from "@/lib/emulator/server";
import { createBuiltinAnswerBook } from "@/lib/eval/answer-book";
import { BUILTIN_SUITES } from "@/lib/eval/suites";

/*
 * `npm run emulator`: the simulated clouds on loopback, for developing and demoing without
 * credentials. Everything it returns is simulated.
 */

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  EMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  EMULATOR_SEED: z.string().default("0"),
  EMULATOR_LATENCY_SCALE: z.coerce.number().min(0).default(1),
  EMULATOR_ERRORS: z.enum(["on", "off"]).default("on"),
});

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = process.env[name] ?? "";
    console.error(
      `emulator: ${name}=${JSON.stringify(value)} is invalid: ${issue?.message ?? "bad value"}${name === "EMULATOR_PORT" ? " (expected an integer from 0 to 65535)" : ""}`,
    );
    process.exit(1);
  }
  const env = parsed.data;
  const emulator = await startEmulator({
    port: env.EMULATOR_PORT,
    host: env.EMULATOR_HOST,
    seed: env.EMULATOR_SEED,
    latencyScale: env.EMULATOR_LATENCY_SCALE,
    simulateErrors: env.EMULATOR_ERRORS === "on",
    answerBook: createBuiltinAnswerBook(BUILTIN_SUITES),
  });
  console.log(`Crossbench emulator (simulated platforms) listening on ${emulator.url}`);
  for (const platform of emulator.platforms) {
    console.log(
      `  ${platform.id.padEnd(18)} ${platform.api.padEnd(20)} ${platform.baseUrl}  (${platform.models.length} models)`,
    );
  }

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`emulator: ${signal} received, stopping`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("emulator: failed to stop cleanly", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`emulator: failed to start: ${message}`);
  process.exit(1);
});
