import { z } from "zod";

/** Message content as the chat APIs accept it: a string or a list of typed parts. */
export const contentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string().optional(), text: z.string().optional() })),
  z.null(),
]);

/** Concatenates the text parts of a message; images and tool parts carry no simulated text. */
export function contentText(content: z.infer<typeof contentSchema> | undefined): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

/** The first issue of a failed zod parse, phrased like a provider's validation message. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body.";
  const path = issue.path.join(".");
  return path ? `Invalid value for '${path}': ${issue.message}` : issue.message;
}
