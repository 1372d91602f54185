/**
 * Emulator throughput: non-streaming OpenAI Chat Completions per second with 200 requests in
 * flight and zero simulated latency, against a baseline measured in the same run: a bare
 * node:http server answering a fixed JSON body on the same client. The goal is ≥ 5,000/s.
 * Each server runs in its own process so the load generator does not share its event loop.
 *
 *   npm run bench:emulator [-- --seconds 5]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const secondsIndex = process.argv.indexOf("--seconds");
const seconds = secondsIndex >= 0 ? Number(process.argv[secondsIndex + 1]) : 5;
const inFlight = 200;

const BASELINE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "fixed" }, finish_reason: "stop" }] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); res.end(body); });
});
server.keepAliveTimeout = 30000;
server.listen(0, "127.0.0.1", () => console.log("listening on http://127.0.0.1:" + server.address().port));
`;

function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `inFlight` request loops for the given time; returns completed requests per second. */
async function measure(
  url: URL,
  durationMs: number,
): Promise<{ perSecond: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const prompts = Array.from({ length: 50 }, (_, index) =>
    JSON.stringify({
      model: "gpt-5.5",
      messages: [{ role: "user", content: `Benchmark prompt number ${index}: say something.` }],
    }),
  );
  let completed = 0;
  let failures = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      let index = worker;
      while (performance.now() < deadline) {
        const status = await post(agent, url, prompts[index % prompts.length] ?? "{}");
        if (status === 200) completed += 1;
        else failures += 1;
        index += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: completed / elapsed, failures };
}

async function run(label: string, args: string[], env: NodeJS.ProcessEnv, pathname: string) {
  const { child, url } = await startChild(args, env);
  try {
    const target = new URL(pathname, url);
    await measure(target, 1_000); // warm-up: JIT, tokenizer tables, connection pool
    const result = await measure(target, seconds * 1_000);
    console.log(
      `${label.padEnd(10)} ${Math.round(result.perSecond).toLocaleString("en")} requests/s (${result.failures} failed)`,
    );
    return result;
  } finally {
    child.kill("SIGTERM");
  }
}

async function main() {
  console.log(
    `Non-streaming chat completions, ${inFlight} in flight, ${seconds} s each (simulated, zero latency)`,
  );
  const baseline = await run("baseline", ["-e", BASELINE_SERVER], process.env, "/");
  const emulator = await run(
    "emulator",
    ["--import", "tsx", "scripts/emulator.ts"],
    { ...process.env, EMULATOR_PORT: "0", EMULATOR_LATENCY_SCALE: "0", EMULATOR_ERRORS: "off" },
    "/openai/v1/chat/completions",
  );
  console.log(
    JSON.stringify({
      inFlight,
      seconds,
      baselinePerSecond: Math.round(baseline.perSecond),
      emulatorPerSecond: Math.round(emulator.perSecond),
      emulatorFailures: emulator.failures,
      goalPerSecond: 5_000,
      meetsGoal: emulator.perSecond >= 5_000,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
