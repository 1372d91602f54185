/**
 * `npm run emulator:degrade -- <platform> [--quality=-0.3] [--latency 3] [--fault 500]`, or
 * `-- <platform> --reset`, or `-- --list`: makes one simulated platform of the running emulator
 * worse (or restores it), to watch a schedule's regression rules catch it. Simulated only: the
 * emulator labels every response it changes (x-emulator-degraded).
 */
import { parseArgs } from "node:util";

const USAGE =
  "usage: npm run emulator:degrade -- <platform id> [--quality=-0.3] [--latency 3] [--fault 500|429|timeout|…] | <platform id> --reset | --list";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        quality: { type: "string" },
        latency: { type: "string" },
        fault: { type: "string" },
        reset: { type: "boolean", default: false },
        list: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`emulator:degrade: ${(error as Error).message}\n${USAGE}\n`);
    return 64;
  }
  const { values, positionals } = parsed;
  const base =
    process.env.EMULATOR_URL ?? `http://127.0.0.1:${process.env.EMULATOR_PORT ?? "4010"}`;
  const platform = positionals[0];
  if (!values.list && !platform) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const url = values.list
    ? `${base}/_emulator/degrade`
    : `${base}/_emulator/degrade/${encodeURIComponent(platform!)}`;
  const body = {
    ...(values.quality === undefined ? {} : { qualityDelta: Number(values.quality) }),
    ...(values.latency === undefined ? {} : { latencyFactor: Number(values.latency) }),
    ...(values.fault === undefined ? {} : { fault: values.fault }),
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: values.list ? "GET" : values.reset ? "DELETE" : "PUT",
      headers: { "content-type": "application/json" },
      body: values.list || values.reset ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    process.stderr.write(
      `emulator:degrade: no emulator answers at ${base} (npm start runs one on EMULATOR_PORT, default 4010; or set EMULATOR_URL)\n`,
    );
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`emulator:degrade: ${response.status} ${text}\n`);
    return 1;
  }
  process.stdout.write(`${text}\n`);
  return 0;
}

main().then((code) => process.exit(code));
