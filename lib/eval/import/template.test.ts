/**
 * The safe renderer must give what promptfoo (which renders prompts with nunjucks) gives for the
 * templates people actually write. nunjucks itself is the oracle here: trusted templates only.
 */
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { compileTemplate } from "./template";

const oracle = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
oracle.addFilter("load", (value: unknown) =>
  typeof value === "string" ? JSON.parse(value) : value,
);

const VARS = {
  name: "ada lovelace",
  score: 2,
  n: 9,
  flag: false,
  none_val: null,
  bool_val: true,
  items: ["a", "b", "c"],
  nums: [3, 1, 2],
  obj: { x: 1, y: "two" },
  user: { name: "Ada", tags: ["x", "y"] },
  nested: { list: [{ v: "first" }, { v: "second" }] },
  text: "  banana bread is great  ",
  style: '{"tone": "formal", "length": 3}',
  empty: "",
};

const TEMPLATES = [
  "Hello {{ name }}!",
  "{{ name | upper }} {{ name | lower }} {{ name | title }} {{ name | capitalize }}",
  "{% if score > 3 %}high{% elif score > 1 %}mid{% else %}low{% endif %}",
  "{% for item in items %}{{ loop.index }}. {{ item }}{% if not loop.last %}, {% endif %}{% endfor %}",
  "{% for item in items %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.length }}{% endfor %}",
  "{% for k, v in obj %}{{ k }}={{ v }};{% endfor %}",
  "{{ items | join(', ') }} ({{ items | length }}) {{ obj | length }} {{ name | length }}",
  "{{ missing | default('n/a') }} {{ empty | default('empty', true) }} {{ empty | default('kept') }}",
  "{{ obj | dump }} {{ items | dump }} {{ name | dump }} {{ obj | dump(2) }}",
  "{{ user.name }} {{ user['name'] }} {{ items[0] }} {{ items.length }} {{ user.tags[1] }}",
  "{% set greeting = 'Hi ' ~ name %}{{ greeting }}",
  "{{ 1 + 2 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 3 }} {{ 'a' + 'b' }} {{ 10 / 4 }} {{ -n }} {{ score * 1.5 }}",
  "{{ 'x' if flag else 'y' }} {{ 'z' if bool_val }}",
  "{%- for i in range(3) -%} {{ i }} {%- endfor %} {% for i in range(2, 8, 2) %}{{ i }}{% endfor %}",
  "{{ text | replace('a', 'o') | trim | truncate(10) }} {{ text | trim | truncate(9, true, '…') }}",
  "{{ 'a' in items }} {{ 'q' in items }} {{ 'name' in user }} {{ 'nan' in name }}",
  "{# a comment #}{% raw %}{{ not rendered }}{% endraw %}",
  "{{ items | first }} {{ items | last }} {{ items | reverse | join }} {{ nums | sort | join(',') }} {{ nums | sort(true) | join }}",
  "{{ n is defined }} {{ nope is defined }} {{ n is odd }} {{ n is even }} {{ n is divisibleby(3) }} {{ none_val is none }}",
  "{{ 3.14159 | round(2) }} {{ 2.5 | round }} {{ 2.7 | round(0, 'floor') }} {{ '42' | int + 1 }} {{ '2.5' | float }} {{ -3 | abs }}",
  "Tone: {{ (style | load).tone }}, length {{ (style | load).length }}",
  "{% for x in [] %}a{% else %}empty{% endfor %}",
  "{{ nested.list[1].v }} {{ nested.list[5].v }} {{ nested['list'][0]['v'] }}",
  "{{ user }} | {{ items }} | {{ nums }}",
  "{{ none_val }}|{{ bool_val }}|{{ flag }}|{{ missing }}",
  "{{ score == 2 }} {{ score != 2 }} {{ score >= 2 and n < 10 }} {{ flag or 'fallback' }} {{ not flag }}",
  "{{ 'a-b-c' | replace('-', '+', 1) }} {{ 'abc' | replace('', '.') }} {{ name | wordcount }}",
  "{{ name | urlencode }} {{ '<b>' | escape }} {{ '<b>' | safe }} {{ 5 | string ~ '!' }}",
  "{% set a, b = 'same' %}{{ a }}{{ b }}",
  "{{ [1, 2, 3] | join('-') }} {{ {'k': 'v'}.k }} {{ (1, 2) }}",
  "{% if items %}has items{% endif %}{% if empty %}no{% else %}empty is falsy{% endif %}",
  "{% for a in items %}{% for b in items %}{{ a }}{{ b }} {% endfor %}{% endfor %}",
  "Line one\n{% if flag %}\nhidden\n{% endif %}\nLine two {{ name }}\n",
];

describe("prompt templates render as nunjucks renders them", () => {
  it.each(TEMPLATES)("%s", (source) => {
    const compiled = compileTemplate(source);
    if (!compiled.ok) throw new Error(`refused: ${compiled.message}`);
    expect(compiled.render(VARS)).toEqual({ ok: true, text: oracle.renderString(source, VARS) });
  });

  it("reports a syntax error with its line", () => {
    expect(compileTemplate("fine\n\n{{ a ( }}")).toMatchObject({ ok: false, line: 3 });
  });

  it("reports a render error instead of throwing", () => {
    const compiled = compileTemplate("{{ (style | load).tone }}");
    expect(compiled.ok && compiled.render({ style: "not json" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/the filter "load" failed/),
    });
  });
});
