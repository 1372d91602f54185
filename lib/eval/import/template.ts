import nunjucks from "nunjucks";

/** Longest sequence the `range` global produces, so an imported loop cannot stall the server. */
const MAX_RANGE = 1_000;

/**
 * nunjucks has no sandbox: `{{ range.constructor("…")() }}` reaches the Function constructor.
 * Imported prompts come from users, so expressions may not name prototype machinery or use
 * computed member access, which is how such names would otherwise be assembled.
 */
const FORBIDDEN_NAME = /\b(constructor|prototype|__\w*)\b/;

function createEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  env.addFilter("load", (value: unknown) =>
    typeof value === "string" ? JSON.parse(value) : value,
  );
  env.addFilter("dump", (value: unknown) => JSON.stringify(value));
  env.addGlobal("range", (start: number, stop?: number, step = 1) => {
    const [from, to] = stop === undefined ? [0, start] : [start, stop];
    const out: number[] = [];
    for (let i = from; step > 0 ? i < to : i > to; i += step) {
      if (out.length >= MAX_RANGE) throw new Error(`range() is limited to ${MAX_RANGE} items`);
      out.push(i);
    }
    return out;
  });
  return env;
}

const environment = createEnvironment();

/** A compiled prompt template, or why it could not be compiled (with the template's line). */
export type CompiledTemplate =
  | { ok: true; render: (vars: Record<string, unknown>) => RenderResult }
  | { ok: false; message: string; line: number | null };

export type RenderResult = { ok: true; text: string } | { ok: false; message: string };

/** nunjucks prefixes messages with "(unknown path) [Line 1, Column 5]"; keep the reason only. */
function cleanMessage(error: unknown): string {
  if (!(error instanceof Error)) return "template error";
  const text = error.message
    .replace(/\(unknown path\)/g, "")
    .replace(/\[Line \d+, Column \d+\]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^Template render error:\s*/i, "")
    .replace(/^(Error|SyntaxError|TypeError):\s*/, "");
  return text === "" ? "template error" : text;
}

function findForbiddenExpression(source: string): { message: string; line: number } | null {
  const blocks = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
  for (const match of source.matchAll(blocks)) {
    const body = match[1] ?? match[2] ?? "";
    const line = source.slice(0, match.index).split("\n").length;
    const name = FORBIDDEN_NAME.exec(body);
    if (name !== null) return { message: `"${name[1]}" may not be used in a template`, line };
    if (/[\w)\]'"]\s*\[/.test(body))
      return { message: "computed member access (x[...]) is not supported in templates", line };
  }
  return null;
}

/** Compiles a nunjucks prompt template (promptfoo's dialect, including `load` and `dump` filters). */
export function compileTemplate(source: string): CompiledTemplate {
  const forbidden = findForbiddenExpression(source);
  if (forbidden !== null) return { ok: false, ...forbidden };
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(source, environment, undefined, true);
  } catch (error) {
    const line = error instanceof Error ? /\[Line (\d+)/.exec(error.message)?.[1] : undefined;
    return {
      ok: false,
      message: cleanMessage(error),
      line: line === undefined ? null : Number(line),
    };
  }
  return {
    ok: true,
    render: (vars) => {
      try {
        return { ok: true, text: template.render(vars) };
      } catch (error) {
        return { ok: false, message: cleanMessage(error) };
      }
    },
  };
}
