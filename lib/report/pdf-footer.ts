/**
 * The footer Chromium prints on every page of a report PDF. Chromium takes it as an HTML
 * template, so the label (the report's title, which a user typed) is escaped: it is shown as
 * text and can add no element, attribute or script to the template. Pure.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The footer template: the label on the left, "Page n of m" on the right. */
export function formatPdfFooter(label: string): string {
  return `<div style="width:100%;font-size:8px;color:#555;padding:0 10mm;display:flex;justify-content:space-between;font-family:sans-serif"><span>${escapeHtml(label)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
