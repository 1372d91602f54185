import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** One OpenAI-style platform as both tools name it. */
export type PeerTarget = {
  /** Crossbench's target: `<model id>@<platform id>`. */
  crossbench: string;
  /** The model id on the wire (the offering's native id), which promptfoo puts in its provider id. */
  nativeId: string;
  /** The emulator's base path for OpenAI-compatible clients. */
  basePath: string;
};

/**
 * Three platforms spoken to over OpenAI's chat API: a fast one, a mid one and a slow one (simulated
 * time to first token about 0.3 s, 0.35 s and 1.4 s at latency scale 1), so at realistic latency
 * the slow platform sets the run's length unless freed slots move to it. The model ids avoid
 * names promptfoo treats as reasoning models, which would change the token field it sends.
 */
export const PEER_TARGETS: PeerTarget[] = [
  {
    crossbench: "openai/gpt-4.1-mini@openai",
    nativeId: "gpt-4.1-mini",
    basePath: "/openai/v1",
  },
  {
    crossbench: "mistral/mistral-small-3.2@mistral",
    nativeId: "mistral-small-2506",
    basePath: "/mistral/v1",
  },
  {
    crossbench: "anthropic/claude-opus-4.8@snowflake-cortex",
    nativeId: "claude-opus-4-8",
    basePath: "/snowflake-cortex/v1",
  },
];

/** Both tools send this limit: the emulator's answer depends on it. */
export const MAX_TOKENS = 512;

/**
 * Writes a promptfoo config with one prompt, `tests` CSV rows (one trial per row and platform)
 * and the three platforms as `openai:chat` providers at `emulatorUrl`. Returns its path.
 */
export function writeSpeedSuite(directory: string, tests: number, emulatorUrl: string): string {
  mkdirSync(directory, { recursive: true });
  const rows = ["item,__expected"];
  for (let index = 1; index <= tests; index += 1) rows.push(`${index},icontains:simulated`);
  writeFileSync(path.join(directory, "tests.csv"), `${rows.join("\n")}\n`);
  const providers = PEER_TARGETS.map((target) =>
    [
      `  - id: openai:chat:${target.nativeId}`,
      `    label: ${target.crossbench}`,
      "    config:",
      `      apiBaseUrl: ${emulatorUrl}${target.basePath}`,
      "      apiKey: emulator",
      `      max_tokens: ${MAX_TOKENS}`,
      "      temperature: 0",
    ].join("\n"),
  );
  const config = [
    "description: Crossbench bench:peer speed suite (generated)",
    "prompts:",
    '  - "Speed item {{item}}: reply with a short answer."',
    "providers:",
    ...providers,
    "tests: file://tests.csv",
    "",
  ].join("\n");
  const file = path.join(directory, "promptfooconfig.yaml");
  writeFileSync(file, config);
  return file;
}
