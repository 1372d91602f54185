/**
 * Runs one suite import in its own process, off the web server's event loop: reads
 * `{ files: [{ fileName, text }] }` as JSON on stdin and writes the SuiteImportOutcome as JSON on
 * stdout. Started by lib/server/domain/runs/suite-import-runner.ts with a memory cap, a time limit and an
 * environment without secrets; not a command for people.
 */
import { importUploadedFiles, type UploadedFile } from "@/lib/eval/import";
import { suiteRecordStats } from "@/lib/eval/suite-record";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const input = JSON.parse(await readStdin()) as { files: UploadedFile[] };
const result = importUploadedFiles(input.files);
// Hashing and counting tokens are linear but take most of a second for a 4 MB case: done here.
const outcome = result.ok ? { ...result, stats: suiteRecordStats(result.suite) } : result;
process.stdout.write(JSON.stringify(outcome), () => process.exit(0));
