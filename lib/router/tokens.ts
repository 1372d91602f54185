import { countTokens } from "gpt-tokenizer";

/** Runs of one character class at least this long are counted in pieces. */
const LONG_RUN = /\S{256,}|\s{256,}/g;
const PIECE = 128;

/**
 * Counts tokens in time linear in the text. gpt-tokenizer's byte-pair merge is quadratic in the
 * length of one pre-token, and a run of letters (or of spaces) is one pre-token: 80,000 letters
 * take about 7 s, and one 4 MB line held the event loop for hours. Text whose runs are all
 * shorter than 256 characters (natural-language text) counts exactly as `countTokens`; a longer
 * run is counted in 128-character pieces, which can differ from the exact count by a token or so
 * per piece: harmless for cost estimates and simulated usage.
 */
export function countTokensBounded(text: string): number {
  let total = 0;
  const rest = text.replace(LONG_RUN, (run) => {
    for (let start = 0; start < run.length; start += PIECE)
      total += countTokens(run.slice(start, start + PIECE));
    // A space keeps the run's neighbours apart, as the run did.
    return " ";
  });
  return total + countTokens(rest);
}
