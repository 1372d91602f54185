import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOSTILE_TEXTS, hostileReportView } from "@/lib/testing/hostile-report";
import { escapeMarkdownBlock, escapeMarkdownInline } from "./escape-markdown";
import { reportToMarkdown } from "./markdown";

/**
 * The Markdown export with hostile names, titles and annotations: a wiki that renders it (with
 * raw HTML allowed, GFM tables and autolinks) must show the text, not run it, load it, link it or
 * let it rearrange the document.
 */

/** How a CommonMark/GFM reader would take a line: the kind of block it starts. */
function blockKind(line: string): string {
  if (line.trim() === "") return "blank";
  if (/^ {0,3}#{1,6}(\s|$)/.test(line)) return `heading ${line.trim().split(" ")[0]}`;
  if (/^ {0,3}>/.test(line)) return "quote";
  if (/^ {0,3}(`{3,}|~{3,})/.test(line)) return "fence";
  if (/^ {0,3}<[a-zA-Z/!?]/.test(line)) return "html";
  if (/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) return "thematic break";
  if (/^ {0,3}(=+|-+) *$/.test(line)) return "setext underline";
  if (/^ {0,3}\|/.test(line)) return `table row of ${tableCells(line).length}`;
  if (/^ {4}/.test(line)) return "indented code";
  if (/^ {0,3}([-*+]|\d{1,9}[.)])( |$)/.test(line)) return "list item";
  if (/^ {0,3}\[[^\]]*\]:/.test(line)) return "link definition";
  return "paragraph";
}

/** Indexes of `char` that a reader would take as Markdown (not preceded by an escaping backslash). */
function unescapedIndexes(text: string, char: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === char) found.push(i);
  }
  return found;
}

/** A table row's cells, split on the pipes a GFM reader splits on. */
function tableCells(line: string): string[] {
  const pipes = unescapedIndexes(line, "|");
  const cells: string[] = [];
  for (let n = 0; n + 1 < pipes.length; n++) cells.push(line.slice(pipes[n]! + 1, pipes[n + 1]));
  return cells;
}

/** The text a reader sees: backslash escapes and the three entities undone. */
function readerText(markdown: string): string {
  const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&" };
  return markdown
    .replace(/\\([!-/:-@[-`{-~])|&(lt|gt|amp);/g, (_, escaped?: string, entity?: string) =>
      escaped !== undefined ? escaped : (ENTITIES[entity ?? ""] ?? ""),
    )
    .trim();
}

/** The same text on one line, as a heading or a table cell shows it. */
const oneLine = (text: string) => text.replace(/\r\n|[\r\n\t\f\v]/g, " ").trim();

/** Lines of the document outside the free-text sections (recommendations, annotations). */
function splitSections(markdown: string): { fixed: string[]; free: string[] } {
  const lines = markdown.split("\n");
  const start = lines.indexOf("## Recommendations");
  const end = lines.indexOf("## Methodology");
  return {
    fixed: [...lines.slice(0, start + 1), ...lines.slice(end)],
    free: lines.slice(start + 1, end).filter((line) => line !== "## Annotations"),
  };
}

/** A section's lines between its heading and the next one. */
function sectionText(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  return lines.slice(start + 1, end).join("\n");
}

const benign = reportToMarkdown(hostileReportView("Plain name"));
const withoutRouting = (text: string) => {
  const view = hostileReportView(text);
  return reportToMarkdown({ ...view, data: { ...view.data, routing: null } });
};

describe("reportToMarkdown with hostile text", () => {
  it.each(HOSTILE_TEXTS)("writes no HTML, link, image or code span for %j", (text) => {
    for (const markdown of [reportToMarkdown(hostileReportView(text)), withoutRouting(text)]) {
      expect(markdown).not.toContain("<");
      for (const char of ["[", "]", "`", "_", "~", "{"])
        expect(unescapedIndexes(markdown, char), `unescaped ${char}`).toEqual([]);
      // The only emphasis left is the report's own (the watermark and the metric names).
      expect(unescapedIndexes(markdown, "*")).toHaveLength(unescapedIndexes(benign, "*").length);
      // No bare URL a GFM reader would turn into a link.
      expect(markdown).not.toMatch(/[a-z]:\/\/|www\./i);
    }
  });

  it.each(HOSTILE_TEXTS)("keeps the document's shape for %j", (text) => {
    const markdown = reportToMarkdown(hostileReportView(text));
    const hostile = splitSections(markdown);
    const plain = splitSections(benign);
    // Same headings, lists, quotes and tables, each row with as many cells as its header.
    expect(hostile.fixed.map(blockKind)).toEqual(plain.fixed.map(blockKind));
    // Free text can add paragraphs and list items, never headings, tables, quotes or HTML.
    for (const line of hostile.free)
      expect(["blank", "paragraph", "list item"], JSON.stringify(line)).toContain(blockKind(line));
  });

  it.each(HOSTILE_TEXTS)("shows a reader the exact text of %j", (text) => {
    const markdown = reportToMarkdown(hostileReportView(text));
    const [title] = markdown.split("\n");
    expect(title?.startsWith("# ")).toBe(true);
    expect(readerText(title!.slice(2))).toBe(oneLine(text));

    const lines = markdown.split("\n");
    const parityHeader = lines.findIndex((line) => line.startsWith("| target | reference |"));
    expect(
      tableCells(lines[parityHeader + 2] ?? "")
        .map(readerText)
        .slice(0, 2),
    ).toEqual([oneLine(`${text} b`), oneLine(`${text} a`)]);

    const typed = text
      .split(/\r\n|\r|\n/)
      .map((line) => line.replace(/\t/g, " ").trim())
      .filter((line) => line !== "")
      .join("\n");
    const annotations = sectionText(markdown, "## Annotations");
    expect(
      annotations
        .split("\n")
        .map(readerText)
        .filter((line) => line !== "")
        .join("\n"),
    ).toBe(typed);
  });
});

describe("Markdown escaping of any text", () => {
  /** Any characters, weighted towards the ones Markdown and HTML give a meaning. */
  const anyText = fc.string({
    unit: fc.oneof(
      fc.constantFrom(..."<>&\\`*_~[](){}|#!:.-+=@ \t\r\n1w/'\""),
      fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 40,
  });

  it("an inline value stays on its line, starts nothing and reads back as typed", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMarkdownInline(text);
        expect(escaped).not.toMatch(/[<\r\n]/);
        for (const char of ["[", "`", "*", "_", "~", "|", "{"])
          expect(unescapedIndexes(escaped, char)).toEqual([]);
        if (escaped !== "") expect(blockKind(`- ${escaped}`)).toBe("list item");
        expect(tableCells(`| ${escaped} |`)).toHaveLength(1);
        expect(readerText(escaped)).toBe(oneLine(text));
      }),
    );
  });

  it("free text makes only paragraphs, list items or inert code, and reads back as typed", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMarkdownBlock(text);
        expect(escaped).not.toContain("<");
        for (const char of ["[", "`", "_", "~", "|", "{"])
          expect(unescapedIndexes(escaped, char)).toEqual([]);
        for (const line of escaped.split("\n"))
          expect(["blank", "paragraph", "list item", "indented code"]).toContain(blockKind(line));
        expect(escaped.split("\n").map(readerText)).toEqual(
          text.split(/\r\n|\r|\n/).map((line) => line.replace(/[\t\f\v]/g, " ").trim()),
        );
      }),
    );
  });
});
