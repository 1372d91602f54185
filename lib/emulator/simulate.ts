import { countTokens, decode, encode } from "gpt-tokenizer";
import { countTokensBounded } from "../router/tokens";
import { getProfile, type ModelProfile, type TaskCategory } from "./profiles";
import { createRandom, hashToSeed, logNormal, pick, type Random } from "./prng";
import type { ChatRequest, Completion, Fault } from "./types";

/** What the answer book is asked: the request as the simulated model sees it. */
export type AnswerBookQuery = {
  platformId: string;
  model: string;
  system: string;
  /** The last user message: the question an evaluation item asks. */
  prompt: string;
};

/** A known question: its category, the reference answer and plausible wrong answers. */
export type AnswerBookEntry = {
  category: TaskCategory;
  correct: string;
  /** At least one; the simulated model picks one when it "gets it wrong". */
  wrong: string[];
};

/**
 * Looks up a known evaluation item. The evaluation suites provide this so the emulator answers
 * correctly with the profile's probability; null means "not a known item" (generic reply).
 */
export type AnswerBook = (query: AnswerBookQuery) => AnswerBookEntry | null;

/** Settings that shape every simulated completion. */
export type SimulationSettings = {
  seed: string;
  /** Multiplies simulated latencies; 0 turns them off. */
  latencyScale: number;
  answerBook?: AnswerBook;
  /** A platform made worse on purpose (see Degradation): added to each category's quality. */
  qualityDelta?: number;
  /** A platform made worse on purpose: multiplies time to first token, divides output speed. */
  latencyFactor?: number;
};

const OPENINGS = [
  "Here is a simulated answer.",
  "This reply comes from the Crossbench emulator.",
  "Simulated response follows.",
  "A deterministic simulated reply:",
];

const SENTENCES = [
  "The request was received and processed by a simulated model.",
  "No real provider was contacted to produce this text.",
  "The same prompt with the same seed always yields these words.",
  "Latency, token counts and errors follow the platform's simulated profile.",
  "Quality on known evaluation items depends on the model and the platform.",
  "Use real credentials to switch this platform to its real endpoint.",
  "Every figure derived from this reply is labelled simulated.",
  "The emulator speaks the provider's wire format faithfully enough for its official SDK.",
];

/** Joins the request's text the way the token count sees it; exported so tests count alike. */
export function promptTexts(request: Pick<ChatRequest, "system" | "messages">): string[] {
  return [request.system, ...request.messages.map((message) => message.text)].filter(
    (text) => text.length > 0,
  );
}

/**
 * Input tokens as the emulator reports them: the tokenizer's count of each text part, summed.
 * Real providers add a few tokens of chat framing; leaving it out keeps the figure checkable.
 */
export function countInputTokens(request: Pick<ChatRequest, "system" | "messages">): number {
  return promptTexts(request).reduce((sum, text) => sum + countTokensBounded(text), 0);
}

function lastUserText(request: ChatRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index];
    if (message?.role === "user") return message.text;
  }
  return "";
}

function genericReply(random: Random, request: ChatRequest): string {
  const count = 2 + Math.floor(random() * 4);
  const parts = [pick(random, OPENINGS)];
  for (let index = 0; index < count; index += 1) parts.push(pick(random, SENTENCES));
  parts.push(`(model ${request.model} on ${request.platformId})`);
  return parts.join(" ");
}

/** Splits text into stream pieces of a few words each, keeping all whitespace. */
export function splitIntoChunks(text: string, wordsPerChunk = 3): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerChunk) {
    chunks.push(words.slice(index, index + wordsPerChunk).join(""));
  }
  return chunks;
}

/** The canonical request text that the seed is hashed with: identical requests, identical answers. */
function requestKey(request: ChatRequest): string {
  return JSON.stringify([request.system, request.messages, request.maxTokens]);
}

/**
 * Produces the simulated completion for a request. The answer depends only on seed, platform,
 * model and request; latencies also take the request's sequence number so that repeated calls
 * spread over the profile's distribution instead of repeating one draw.
 */
export function simulateCompletion(
  request: ChatRequest,
  settings: SimulationSettings,
  sequence: number,
): Completion {
  const profile = getProfile(request.platformId, request.model);
  const key = requestKey(request);
  const answerRandom = createRandom(
    hashToSeed("answer", settings.seed, request.platformId, request.model, key),
  );
  const timingRandom = createRandom(
    hashToSeed("timing", settings.seed, request.platformId, request.model, key, String(sequence)),
  );

  let text: string;
  let isCorrect: boolean | null = null;
  const entry = settings.answerBook?.({
    platformId: request.platformId,
    model: request.model,
    system: request.system,
    prompt: lastUserText(request),
  });
  if (entry) {
    const quality = Math.min(
      1,
      Math.max(0, profile.quality[entry.category] + (settings.qualityDelta ?? 0)),
    );
    isCorrect = answerRandom() < quality;
    text = isCorrect ? entry.correct : pick(answerRandom, entry.wrong);
  } else {
    text = genericReply(answerRandom, request);
  }

  let outputTokens = countTokens(text);
  let finishReason: Completion["finishReason"] = "stop";
  if (request.maxTokens !== null && outputTokens > request.maxTokens) {
    text = decode(encode(text).slice(0, request.maxTokens));
    outputTokens = countTokens(text);
    finishReason = "length";
  }

  const latencyFactor = settings.latencyFactor ?? 1;
  const ttftMs =
    logNormal(timingRandom, profile.ttftMs.median, profile.ttftMs.sigma) * latencyFactor;
  const tokensPerSecond =
    logNormal(timingRandom, profile.tokensPerSecond.median, profile.tokensPerSecond.sigma) /
    latencyFactor;

  return {
    id: (hashToSeed("id", settings.seed, key, String(sequence)) >>> 0)
      .toString(16)
      .padStart(8, "0"),
    created: Math.floor(Date.now() / 1000),
    text,
    chunks: splitIntoChunks(text),
    inputTokens: countInputTokens(request),
    outputTokens,
    finishReason,
    ttftMs: ttftMs * settings.latencyScale,
    tokensPerSecond,
    isCorrect,
  };
}

/**
 * Draws a simulated failure from the profile's error rates, or null. Uses the request sequence so
 * a retried request can succeed, as it would against a real, occasionally overloaded provider.
 */
export function drawSimulatedFault(
  profile: ModelProfile,
  seed: string,
  sequence: number,
): Fault | null {
  const random = createRandom(hashToSeed("fault", seed, profile.platformId, String(sequence)));
  const draw = random();
  const { rateLimited, serverError, timeout } = profile.errorRates;
  if (draw < rateLimited) return "429";
  if (draw < rateLimited + serverError) return "500";
  if (draw < rateLimited + serverError + timeout) return "timeout";
  return null;
}
