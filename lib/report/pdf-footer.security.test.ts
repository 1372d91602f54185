import { describe, expect, it } from "vitest";
import { HOSTILE_TEXTS } from "@/lib/testing/hostile-report";
import { formatPdfFooter } from "./pdf-footer";

/**
 * The PDF's footer is the one part of the printed report built from strings (the page itself is
 * rendered by React): a hostile report title must stay text in it.
 */

/** The markup of an HTML fragment: its tags with their attributes, text left out. */
const tagsOf = (html: string) => html.match(/<[^>]*>/g) ?? [];

const DECODE: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

describe("formatPdfFooter with a hostile title", () => {
  const plain = formatPdfFooter("Q4 platform review");

  it.each(HOSTILE_TEXTS)("adds no element or attribute and shows %j as typed", (text) => {
    const footer = formatPdfFooter(`${text} · SIMULATED DATA`);
    expect(tagsOf(footer)).toEqual(tagsOf(plain));
    const label = /^<div [^>]*><span>([^<]*)<\/span>/.exec(footer)?.[1];
    expect(label?.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => DECODE[name] ?? "")).toBe(
      `${text} · SIMULATED DATA`,
    );
  });
});
