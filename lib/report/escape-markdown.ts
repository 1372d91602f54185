/**
 * Escaping for text the Markdown export did not write itself: titles, names, annotations,
 * recommendations, catalogue and suite fields. Whatever the text holds, a reader (a wiki or a
 * Git host rendering GFM with raw HTML allowed) shows it as typed: it cannot become HTML, a link,
 * an image, a code span, emphasis, a heading, a quote or a table, and cannot split a table cell.
 * Pure.
 *
 * `<`, `>` and `&` become entities rather than backslash escapes because every Markdown flavour
 * decodes entities, while some pass `\<` through with the `<` still live. The rest are CommonMark
 * backslash escapes (valid for any ASCII punctuation). Bare `http://` and `www.` are broken with
 * an escape so GFM does not autolink them; a GFM reader may still autolink an e-mail address,
 * which shows its own address and can only open a mail client.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Backslash, code, emphasis, strikethrough, link and image brackets, attribute-list braces
 * (kramdown, Pandoc), table pipes and heading marks, plus the three HTML characters.
 */
const SPECIAL = /[\\`*_~[\]{}|#&<>]/g;

/** Marks that start a block only at the beginning of a line: list items and setext underlines. */
const LEADING_MARK = /^(\s*)([-+=])/;
const LEADING_ORDINAL = /^(\s*\d{1,9})([.)])/;

/** A line of free text that is a list item, as the drafted recommendations are: kept as a list. */
const LIST_ITEM = /^(\s*(?:[-*+]|\d{1,9}[.)]) +)(\S.*)$/;

function escapeText(text: string): string {
  return text
    .replace(SPECIAL, (char) => ENTITIES[char] ?? `\\${char}`)
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(LEADING_MARK, "$1\\$2")
    .replace(LEADING_ORDINAL, "$1\\$2");
}

/**
 * Text for one line of Markdown (a heading, a table cell, a list item): line breaks and tabs
 * become spaces, so the text stays inside the line it was put in, and the ends are trimmed, so
 * the text can sit inside `**…**`.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeText(text.replace(/\r\n|[\r\n\t\f\v]/g, " ").trim());
}

/**
 * Free text of several lines (annotations, recommendations), escaped line by line. It is not
 * fenced as code: analysts write recommendations as a Markdown list (the draft is one), and a
 * fence would print them as monospaced source. So a line keeps a leading list marker and its
 * indentation (for nested lists), and everything else is escaped as in `escapeMarkdownInline`.
 * Other lines lose their indentation, which would otherwise make an indented code block.
 */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw) => {
      const line = raw.replace(/[\t\f\v]/g, " ").trimEnd();
      const item = LIST_ITEM.exec(line);
      return item ? `${item[1]}${escapeText(item[2] ?? "")}` : escapeText(line.trimStart());
    })
    .join("\n");
}
