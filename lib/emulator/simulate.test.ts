import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { getProfile } from "./profiles";
import {
  drawSimulatedFault,
  simulateCompletion,
  splitIntoChunks,
  type AnswerBook,
} from "./simulate";
import type { ChatRequest } from "./types";

const request: ChatRequest = {
  platformId: "openai",
  model: "gpt-5.5",
  system: "Be brief.",
  messages: [{ role: "user", text: "What is 2 + 2?" }],
  maxTokens: null,
  isStream: false,
  isUsageRequested: false,
};

const settings = { seed: "unit", latencyScale: 1 };

describe("simulateCompletion", () => {
  it("gives the same answer for the same seed and request", () => {
    const first = simulateCompletion(request, settings, 0);
    const second = simulateCompletion(request, settings, 1);
    expect(second.text).toBe(first.text);
    expect(simulateCompletion(request, { ...settings, seed: "other" }, 0).text).not.toBe(
      first.text,
    );
  });

  it("counts tokens with the tokenizer and streams pieces that join to the text", () => {
    const completion = simulateCompletion(request, settings, 0);
    expect(completion.inputTokens).toBe(countTokens("Be brief.") + countTokens("What is 2 + 2?"));
    expect(completion.outputTokens).toBe(countTokens(completion.text));
    expect(completion.chunks.join("")).toBe(completion.text);
    expect(completion.chunks.length).toBeGreaterThan(1);
  });

  it("truncates at maxTokens and says so", () => {
    const completion = simulateCompletion({ ...request, maxTokens: 4 }, settings, 0);
    expect(completion.finishReason).toBe("length");
    expect(completion.outputTokens).toBeLessThanOrEqual(4);
  });

  it("turns latency off at scale 0", () => {
    expect(simulateCompletion(request, { ...settings, latencyScale: 0 }, 0).ttftMs).toBe(0);
  });

  it("answers answer-book items correctly at about the profile's rate", () => {
    const book: AnswerBook = () => ({ category: "math", correct: "4", wrong: ["5", "22"] });
    let correct = 0;
    const trials = 2_000;
    for (let index = 0; index < trials; index += 1) {
      const completion = simulateCompletion(
        { ...request, messages: [{ role: "user", text: `What is 2 + 2? (#${index})` }] },
        { ...settings, answerBook: book },
        index,
      );
      expect(["4", "5", "22"]).toContain(completion.text);
      expect(completion.isCorrect).toBe(completion.text === "4");
      if (completion.isCorrect) correct += 1;
    }
    const expected = getProfile("openai", "gpt-5.5").quality.math;
    expect(correct / trials).toBeGreaterThan(expected - 0.04);
    expect(correct / trials).toBeLessThan(expected + 0.04);
  });
});

describe("a degraded platform", () => {
  it("answers correctly less often by the quality delta, and slower by the latency factor", () => {
    const book: AnswerBook = () => ({ category: "math", correct: "4", wrong: ["5"] });
    const rate = (qualityDelta: number) => {
      let correct = 0;
      for (let index = 0; index < 2_000; index += 1) {
        const completion = simulateCompletion(
          { ...request, messages: [{ role: "user", text: `What is 2 + 2? (#${index})` }] },
          { ...settings, answerBook: book, qualityDelta },
          index,
        );
        if (completion.isCorrect) correct += 1;
      }
      return correct / 2_000;
    };
    const expected = getProfile("openai", "gpt-5.5").quality.math;
    expect(rate(-0.3)).toBeGreaterThan(expected - 0.3 - 0.04);
    expect(rate(-0.3)).toBeLessThan(expected - 0.3 + 0.04);
    expect(rate(-1)).toBe(0);
    const normal = simulateCompletion(request, settings, 7);
    const slow = simulateCompletion(request, { ...settings, latencyFactor: 3 }, 7);
    expect(slow.ttftMs).toBeCloseTo(normal.ttftMs * 3, 6);
    expect(slow.text).toBe(normal.text);
  });
});

describe("drawSimulatedFault", () => {
  it("fails at about the profile's error rate, reproducibly", () => {
    const profile = getProfile("aws-bedrock", "amazon.nova-pro-v1:0");
    const draws = Array.from({ length: 20_000 }, (_, index) =>
      drawSimulatedFault(profile, "s", index),
    );
    const failures = draws.filter((fault) => fault !== null).length / draws.length;
    const rate =
      profile.errorRates.rateLimited + profile.errorRates.serverError + profile.errorRates.timeout;
    expect(failures).toBeGreaterThan(rate * 0.7);
    expect(failures).toBeLessThan(rate * 1.3);
    expect(drawSimulatedFault(profile, "s", 5)).toBe(draws[5]);
  });
});

describe("splitIntoChunks", () => {
  it("keeps every character", () => {
    const text = "  one two\nthree   four five six seven ";
    expect(splitIntoChunks(text).join("")).toBe(text);
  });
});
