/**
 * Server-side template injection corpus: known payloads for nunjucks and Jinja (constructor
 * chains, prototype walks, string-literal tricks, filter abuse, `{% set %}` tricks, includes,
 * loop and string bombs). Every payload must be refused at compile time or render inert.
 */
import { afterEach, describe, expect, it } from "vitest";
import { importSuite } from "./index";
import { MAX_TEMPLATE_ITERATIONS, compileTemplate } from "./template";

const PAYLOADS = [
  // The reported bypass: a `}}` inside a string literal ended the old regular-expression check.
  `{{ "}}" ~ range.constructor("return process.version")() }}`,
  `{{ range.constructor("return process.version")() }}`,
  `{{ cycler.constructor("return process.version")() }}`,
  `{{ joiner.constructor("return process.version")() }}`,
  `{{ "".constructor.constructor("return process.version")() }}`,
  `{{ ""["constructor"]["constructor"]("return process.version")() }}`,
  `{{ x["const" ~ "ructor"]["const" ~ "ructor"]("globalThis.__pwned = 1")() }}`,
  `{{ name["constructor"]["constructor"]("globalThis.__pwned = 1")() }}`,
  `{{ name.constructor.constructor("globalThis.__pwned = 1")() }}`,
  `{{ items.constructor.constructor("return process.version")() }}`,
  `{{ items.map.constructor("return process.version")() }}`,
  `{{ items.__proto__.constructor.constructor("return process.version")() }}`,
  `{{ [].__proto__ }}{{ {}.__proto__ }}{{ name.__proto__ }}`,
  `{{ {}.constructor.constructor("return process.version")() }}`,
  `{{ (1).constructor.constructor("return process.version")() }}`,
  `{{ user.toString.constructor("return process.version")() }}`,
  `{{ user.hasOwnProperty.constructor("globalThis.__pwned = 1")() }}`,
  `{{ self.__init__.__globals__.__builtins__.__import__("os").popen("id").read() }}`,
  `{{ config.__class__.__init__.__globals__["os"].popen("id").read() }}`,
  `{{ "".__class__.__mro__[1].__subclasses__() }}`,
  `{{ lipsum.__globals__["os"].popen("id").read() }}`,
  `{{ request.application.__globals__.__builtins__ }}`,
  `{{ cycler.__init__.__globals__.os.popen("id").read() }}`,
  `{% set f = range.constructor %}{{ f("return process.version")() }}`,
  `{% set x = "constructor" %}{{ range[x][x]("return process.version")() }}`,
  `{% set x = "constructor" %}{{ name[x][x]("globalThis.__pwned = 1")() }}`,
  `{% set c = "con" ~ "structor" %}{% set g = name[c][c] %}{{ g("return process.version")() }}`,
  `{% for c in [].constructor.constructor("return process")().mainModule %}{{ c }}{% endfor %}`,
  `{{ "a" | replace("a", range.constructor("return process.version")()) }}`,
  `{{ name | attr("constructor") }}`,
  `{{ name | map("constructor") }}`,
  `{{ range | safe }}`,
  `{{ name | custom }}`,
  `{{ name is callable }}`,
  `{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}`,
  `{% call m() %}x{% endcall %}`,
  `{% include "/etc/passwd" %}`,
  `{% extends "/etc/passwd" %}`,
  `{% import "/etc/passwd" as p %}`,
  `{% from "/etc/passwd" import x %}`,
  `{% block b %}{{ super() }}{% endblock %}`,
  `{% set s %}{{ range.constructor("return process.version")() }}{% endset %}{{ s }}`,
  `{% filter upper %}{{ range.constructor("return process.version")() }}{% endfilter %}`,
  `{{ r/constructor/g }}`,
  `{{ process.version }}{{ process.pid }}{{ global.process }}{{ globalThis }}{{ require }}`,
  `{{ env.CROSSBENCH_SECRET_KEY }}{{ process.env.CROSSBENCH_SECRET_KEY }}`,
  `{{ this }}{{ __filename }}{{ module }}{{ constructor }}{{ prototype }}`,
  `{{ {"__proto__": {"polluted": 1}} | dump }}{% set __proto__ = 1 %}{{ __proto__ }}`,
  `{{ '{"__proto__": {"polluted": 1}}' | load | dump }}`,
  `{% raw %}{{ range.constructor("return process.version")() }}{% endraw %}`,
  `{{ "}}{{" ~ range.constructor("return process.version")() ~ "{{" }}`,
  `{{ '%}' }}{% if range.constructor("return process.version")() %}{% endif %}`,
  `{# }} #}{{ range.constructor("return process.version")() }}`,
];

const VARS = { name: "Ada", items: ["a", "b"], user: { name: "Ada" }, x: "x" };

/** Text that would appear in the output if any payload had reached JavaScript or the process. */
const EVIDENCE = [process.version, `${process.pid}`, "[native code]", "function", 'polluted":1}}x'];

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__pwned;
});

describe("prompt templates: server-side template injection corpus", () => {
  it.each(PAYLOADS)("refuses or renders inert: %s", (payload) => {
    const compiled = compileTemplate(payload);
    if (compiled.ok) {
      const rendered = compiled.render(VARS);
      if (rendered.ok)
        for (const evidence of EVIDENCE) expect(rendered.text).not.toContain(evidence);
    }
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses the reported payload at import, naming the file and line, and stores nothing", () => {
    const text = `description: hostile\nprompts:\n  - 'Hello {{ "}}" ~ range.constructor("return process.version")() }}'\ntests:\n  - vars: {}\n`;
    const result = importSuite({ fileName: "evil.yaml", text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        file: "evil.yaml",
        line: 3,
        message: expect.stringMatching(/only range\(\) may be called/),
      },
    ]);
  });

  it("names the construct it refuses", () => {
    const refusal = (source: string) => {
      const compiled = compileTemplate(source);
      return compiled.ok ? null : compiled.message;
    };
    expect(refusal(`a\n{% include "x" %}`)).toBe(
      "{% include %} is not supported in prompt templates",
    );
    expect(refusal(`{{ x | attr("y") }}`)).toBe('the filter "attr" is not supported');
    expect(refusal(`{{ x is callable }}`)).toBe('the test "is callable" is not supported');
    expect(refusal(`{% filter upper %}x{% endfilter %}`)).toBe(
      "a block capture ({% filter %}…{% endfilter %} or {% set %}…{% endset %}) is not supported in prompt templates",
    );
    const nested = compileTemplate(`{{ ${"(".repeat(5_000)}1${")".repeat(5_000)} }}`);
    expect(nested).toMatchObject({ ok: false, message: expect.stringMatching(/nested more than/) });
  });
});

describe("prompt templates: budgets", () => {
  const renderError = (source: string, vars: Record<string, unknown> = {}) => {
    const compiled = compileTemplate(source);
    if (!compiled.ok) return compiled.message;
    const rendered = compiled.render(vars);
    return rendered.ok ? null : rendered.message;
  };

  it("caps loop iterations in total, not per loop", () => {
    const bomb =
      "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}";
    const started = performance.now();
    expect(renderError(bomb)).toMatch(
      `loops ran more than ${MAX_TEMPLATE_ITERATIONS} iterations in total`,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    // Each loop alone is small; together they are 101 × 100 = 10,100 iterations.
    const wide = "{% for a in range(100) %}{% for b in range(100) %}.{% endfor %}{% endfor %}";
    expect(renderError(wide)).toMatch(/iterations in total/);
    expect(
      renderError("{% for a in range(50) %}{% for b in range(50) %}.{% endfor %}{% endfor %}"),
    ).toBeNull();
  });

  it("caps the size of every string it produces", () => {
    const big = "x".repeat(600_000);
    expect(renderError("{{ s ~ s }}", { s: big })).toMatch(/more than 1,000,000 characters/);
    expect(renderError('{{ s | replace("", s) }}', { s: big })).toMatch(/more than 1,000,000/);
    expect(renderError("{{ items | join(s) }}", { s: big, items: ["a", "b", "c"] })).toMatch(
      /more than 1,000,000/,
    );
    expect(
      renderError("{% for i in range(9000) %}{{ s }}{% endfor %}", { s: "y".repeat(200) }),
    ).toMatch(/more than 1,000,000/);
  });
});
