/**
 * promptfoo's `--filter-pattern` and `--filter-first-n` over a suite's cases: the pattern first
 * (a case matches when its id or any of its tags, which hold a promptfoo test's description,
 * matches), then the first N of what is left, in suite order, as promptfoo's filterTests does.
 *
 * The pattern is user input run by a backtracking engine, so it is bounded three ways: at most
 * {@link MAX_FILTER_PATTERN_LENGTH} characters; no back-references and no repeated group that
 * itself repeats or alternates (`(a+)+`, `(a|aa)*`: the shapes behind catastrophic
 * backtracking); and each string it is matched against is cut to {@link MAX_FILTER_SUBJECT_LENGTH}
 * characters.
 */

export const MAX_FILTER_PATTERN_LENGTH = 200;
export const MAX_FILTER_SUBJECT_LENGTH = 500;

export class CaseFilterError extends Error {
  override readonly name = "CaseFilterError";
}

/** True when the characters at `index` start an unbounded quantifier (`*`, `+`, `{n,}`). */
function isUnboundedQuantifier(pattern: string, index: number): boolean {
  const char = pattern[index];
  if (char === "*" || char === "+") return true;
  if (char === "{") return /^\{\d*,\}/.test(pattern.slice(index));
  return false;
}

function isQuantifier(pattern: string, index: number): boolean {
  const char = pattern[index];
  return (
    char === "*" ||
    char === "+" ||
    char === "?" ||
    (char === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(index)))
  );
}

/**
 * Refuses the pattern shapes that can take exponential time; returns nothing when it is safe
 * enough. A conservative check: it also refuses a few harmless patterns (`(ab|cd)+`).
 */
export function checkFilterPattern(pattern: string): void {
  if (pattern.length > MAX_FILTER_PATTERN_LENGTH) {
    throw new CaseFilterError(
      `--filter-pattern is ${pattern.length} characters long; at most ${MAX_FILTER_PATTERN_LENGTH}.`,
    );
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    throw new CaseFilterError("--filter-pattern may not use back-references (\\1, \\k<name>).");
  }
  /** Per open group: whether it holds a quantifier or an alternation. */
  const groups: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") groups.push(false);
    else if (char === ")") {
      const isRisky = groups.pop() ?? false;
      if (isRisky && isUnboundedQuantifier(pattern, index + 1)) {
        throw new CaseFilterError(
          "--filter-pattern repeats a group that itself repeats or alternates (like (a+)+ or (a|b)*), which can take exponential time; simplify it.",
        );
      }
      // A group that repeats makes its enclosing group risky too.
      if (groups.length > 0 && (isRisky || isQuantifier(pattern, index + 1)))
        groups[groups.length - 1] = true;
    } else if (groups.length > 0 && (char === "|" || isQuantifier(pattern, index))) {
      groups[groups.length - 1] = true;
    }
  }
}

/** Compiles a checked `--filter-pattern`. */
export function compileFilterPattern(pattern: string): RegExp {
  checkFilterPattern(pattern);
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new CaseFilterError(
      `--filter-pattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The cases `--filter-pattern` and `--filter-first-n` keep, in suite order. */
export function filterCases<T extends { id: string; tags: readonly string[] }>(
  cases: readonly T[],
  filters: { pattern?: RegExp; firstN?: number },
): T[] {
  const { pattern } = filters;
  let kept = pattern
    ? cases.filter((testCase) =>
        [testCase.id, ...testCase.tags].some((text) =>
          pattern.test(text.slice(0, MAX_FILTER_SUBJECT_LENGTH)),
        ),
      )
    : [...cases];
  if (filters.firstN !== undefined) kept = kept.slice(0, filters.firstN);
  return kept;
}
