/**
 * The leadership brief as the report page, its printed copy, the share link and the Markdown
 * export show it: page one of a report. Every figure is already written by lib/format; the brief
 * is built from the report's frozen snapshot by lib/report/brief.ts.
 */

/** One key number: what it is, the figure with its unit, its interval and its sample size. */
export type BriefKeyNumber = {
  label: string;
  /** The figure with its unit: "80.0 points", "$0.0050 per case". */
  value: string;
  /** "95% CI 75.0 to 85.0", or why there is none ("list prices: no interval"). */
  interval: string;
  /** "n = 84 cases", "simulated" appended when it is. */
  n: string;
};

/** One option's monthly cost at the organisation's volume. */
export type BriefCostRow = {
  /** What the option is to the recommendation: "recommended", "runner-up", "reference"… */
  role: string;
  label: string;
  perCase: string;
  perMonth: string;
};

/** The monthly cost table and the assumption behind its volume. */
export type BriefMonthlyCost = {
  /** How the monthly volume was set, in one sentence. */
  assumption: string;
  rows: BriefCostRow[];
};

/** The generated recommendation: what to use, why, the runner-up and what would change it. */
export type BriefRecommendation = {
  text: string;
  why: string;
  runnerUp: string | null;
  wouldChange: string;
};

export type Brief = {
  /** The answer to the report's question in one sentence. */
  headline: string;
  recommendation: BriefRecommendation;
  keyNumbers: BriefKeyNumber[];
  /** Null when no option has a known cost per case or no volume is known. */
  monthlyCost: BriefMonthlyCost | null;
  /** The main lock-in risk in one sentence; null when no platform could be scored. */
  risk: string | null;
  /** Runs, snapshot, simulated or real, in one line. */
  provenance: string;
  isSimulated: boolean;
};
