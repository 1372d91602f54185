import type { Assertion, BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "Follow every formatting instruction in the request exactly. Output only what is asked for, with no preamble.";

/** Exactly three lines, each a "- " bullet. */
const THREE_BULLETS = String.raw`^(- .+\n){2}- .+$`;
/** No lowercase ASCII letters anywhere. */
const UPPERCASE = "^[^a-z]+$";
/** No uppercase ASCII letters anywhere. */
const LOWERCASE = "^[^A-Z]+$";
/** Ends with a question mark. */
const QUESTION = String.raw`\?$`;
/** The whole output is one <answer>…</answer> element. */
const ANSWER_TAGS = "^<answer>.+</answer>$";

/** At most `n` whitespace-separated words. */
function maxWords(n: number): string {
  return String.raw`^(\S+\s+){0,${n - 1}}\S+$`;
}

const regex = (value: string): Assertion => ({ type: "regex", value });
const startsWith = (value: string): Assertion => ({ type: "starts-with", value });
const icontains = (value: string): Assertion => ({ type: "icontains", value });
const containsAll = (value: string[]): Assertion => ({ type: "contains-all", value });
const containsAny = (value: string[]): Assertion => ({ type: "contains-any", value });
const notContains = (value: string): Assertion => ({ type: "contains", value, negate: true });
const json = (schema: Record<string, unknown>): Assertion => ({ type: "is-json", value: schema });

/** A JSON Schema for an array of exactly `n` strings. */
function stringArray(n: number): Record<string, unknown> {
  return { type: "array", items: { type: "string" }, minItems: n, maxItems: n };
}

/** constraint tag, request, assertions, simulated correct (also the reference), simulated wrong. */
type Row = [
  constraint: string,
  prompt: string,
  assertions: Assertion[],
  correct: string,
  wrong: string[],
];

function toCase([constraint, prompt, assertions, correct, wrong]: Row, index: number): BuiltinCase {
  return {
    id: `if-${String(index + 1).padStart(3, "0")}`,
    category: "reasoning",
    tags: ["reasoning", "instruction-following", constraint],
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: prompt },
    ],
    reference: correct,
    assertions,
    simulated: { correct, wrong },
  };
}

const ROWS: Row[] = [
  [
    "bullets",
    "List three benefits of regular walking. Answer in exactly three bullet points, each starting with '- ', and nothing else.",
    [regex(THREE_BULLETS)],
    "- Improves heart health\n- Lifts your mood\n- Strengthens leg muscles",
    [
      "- Improves heart health\n- Lifts your mood\n- Strengthens leg muscles\n- Helps you sleep",
      "Walking improves heart health, lifts your mood and strengthens your legs.",
    ],
  ],
  [
    "starts-with",
    "Is a bicycle a sensible way to commute 5 km in a flat city? Start your reply with the word 'Verdict:' followed by yes or no and one short reason.",
    [startsWith("Verdict:")],
    "Verdict: yes, it is quick, cheap and healthy over a flat 5 km.",
    ["Yes, a bicycle is a great choice for a flat 5 km commute."],
  ],
  [
    "uppercase",
    "Name the planet known as the Red Planet. Reply in uppercase letters only.",
    [regex(UPPERCASE), icontains("mars")],
    "MARS",
    ["Mars", "JUPITER"],
  ],
  [
    "word-limit",
    "Explain what a thermostat does in no more than 12 words.",
    [regex(maxWords(12)), icontains("temperature")],
    "It keeps a room at a set temperature by switching the heating.",
    [
      "A thermostat is a device that measures the temperature of a room and then switches the heating or cooling system on or off so the room stays close to the temperature you chose.",
    ],
  ],
  [
    "include-words",
    "Write one sentence about a lighthouse that includes the words 'beacon' and 'storm'.",
    [containsAll(["beacon", "storm"])],
    "The lighthouse beacon guided the fishing boats safely home through the storm.",
    ["The lighthouse guided the fishing boats safely home through the night."],
  ],
  [
    "exclude-word",
    "Describe a cat in one sentence without using the word 'cute'.",
    [notContains("cute")],
    "A cat is a small, agile animal with soft fur, sharp claws and a strong independent streak.",
    ["A cat is a cute little animal with soft fur."],
  ],
  [
    "json-array",
    "Return a JSON array of exactly 3 strings naming the primary colours of light. Output only the JSON.",
    [json(stringArray(3)), containsAll(["red", "green", "blue"])],
    '["red", "green", "blue"]',
    ["red, green, blue", '["red", "green"]'],
  ],
  [
    "question-mark",
    "Write a single question you could ask a librarian about finding old maps of your town. End with a question mark.",
    [regex(QUESTION), icontains("map")],
    "Where can I find the library's collection of old maps of this town?",
    ["I would like to see some old maps of this town."],
  ],
  [
    "answer-tags",
    "At what temperature in Celsius does water boil at sea level? Wrap the answer in <answer></answer> tags and write nothing else.",
    [regex(ANSWER_TAGS), icontains("100")],
    "<answer>100 degrees Celsius</answer>",
    ["100 degrees Celsius", "<answer>90 degrees Celsius</answer>"],
  ],
  [
    "bullets",
    "Give exactly three bullet points (each starting with '- ') with tips for saving water at home. No introduction.",
    [regex(THREE_BULLETS)],
    "- Take shorter showers\n- Fix dripping taps promptly\n- Run the dishwasher only when full",
    [
      "Here are some tips:\n- Take shorter showers\n- Fix dripping taps promptly\n- Run the dishwasher only when full",
      "- Take shorter showers\n- Fix dripping taps promptly",
    ],
  ],
  [
    "numbered-list",
    "List the four seasons of the year as a numbered list from '1.' to '4.', one per line, with nothing else.",
    [regex(String.raw`^1\. .+\n2\. .+\n3\. .+\n4\. .+$`)],
    "1. Spring\n2. Summer\n3. Autumn\n4. Winter",
    ["Spring, summer, autumn and winter.", "- Spring\n- Summer\n- Autumn\n- Winter"],
  ],
  [
    "starts-with",
    "Which gas do plants absorb from the air for photosynthesis? Begin your reply with 'Answer:'.",
    [startsWith("Answer:"), icontains("carbon dioxide")],
    "Answer: carbon dioxide",
    ["Plants absorb carbon dioxide.", "Answer: oxygen"],
  ],
  [
    "uppercase",
    "Write a short warning sign for a wet floor, in uppercase letters only and at most six words.",
    [regex(UPPERCASE), regex(maxWords(6))],
    "CAUTION: WET FLOOR",
    ["Caution: wet floor", "CAUTION, THE FLOOR HERE IS VERY WET AND SLIPPERY"],
  ],
  [
    "single-word",
    "Reply with a single word: what is the opposite of 'ancient'?",
    [regex("^[A-Za-z]+$"), containsAny(["modern", "Modern", "new", "New"])],
    "Modern",
    ["The opposite of ancient is modern.", "Old"],
  ],
  [
    "json-object",
    "Return a JSON object with the keys 'city' and 'country' for the capital of Japan. Output only the JSON.",
    [
      json({
        type: "object",
        required: ["city", "country"],
        properties: { city: { type: "string" }, country: { type: "string" } },
      }),
      icontains("tokyo"),
    ],
    '{"city": "Tokyo", "country": "Japan"}',
    ["The capital of Japan is Tokyo.", '{"city": "Tokyo"}'],
  ],
  [
    "include-words",
    "Write a two-sentence weather forecast that includes the words 'drizzle' and 'breezy'.",
    [containsAll(["drizzle", "breezy"])],
    "Expect light drizzle through the morning. The afternoon turns breezy and a little cooler.",
    ["Expect light rain through the morning. The afternoon turns windy and a little cooler."],
  ],
  [
    "exclude-word",
    "Explain what a bridge is in one sentence without using the word 'river'.",
    [notContains("river"), icontains("bridge")],
    "A bridge is a structure that carries a road or path across a gap such as a valley.",
    ["A bridge is a structure built so people can cross a river."],
  ],
  [
    "question-mark",
    "Rephrase the instruction 'Close the window' as a polite question.",
    [regex(QUESTION), icontains("window")],
    "Could you please close the window?",
    ["Please close the window."],
  ],
  [
    "answer-tags",
    "Which is heavier, a kilogram of feathers or a kilogram of steel? You may reason briefly, but put your final answer inside <answer></answer> tags.",
    [regex("<answer>.+</answer>"), icontains("same")],
    "Both are one kilogram. <answer>They weigh the same</answer>",
    ["<answer>The steel</answer>", "They weigh the same."],
  ],
  [
    "bullets",
    "Summarise why sleep matters in exactly three bullet points that each begin with '- '.",
    [regex(THREE_BULLETS)],
    "- It lets the body repair itself\n- It consolidates memories\n- It keeps mood and focus steady",
    ["Sleep lets the body repair itself, consolidates memories and keeps mood steady."],
  ],
  [
    "line-count",
    "Write a two-line rhyming couplet about the moon: exactly two lines, no title.",
    [regex(String.raw`^[^\n]+\n[^\n]+$`), icontains("moon")],
    "The silver moon climbs high tonight,\nAnd fills the sleeping town with light.",
    [
      "The silver moon climbs high tonight and fills the sleeping town with light.",
      "Moon\nThe silver moon climbs high tonight,\nAnd fills the sleeping town with light.",
    ],
  ],
  [
    "lowercase",
    "Write a short slogan for a bakery that mentions bread, in lowercase letters only.",
    [regex(LOWERCASE), icontains("bread")],
    "fresh bread, warm hearts, every single morning",
    ["Fresh Bread, Warm Hearts, Every Single Morning", "warm hearts every single morning"],
  ],
  [
    "starts-with",
    "Assess this claim: 'Goldfish have a three-second memory.' Start with 'Verdict:' and then say whether it is true or false.",
    [startsWith("Verdict:"), icontains("false")],
    "Verdict: false. Goldfish can remember things for months.",
    ["False. Goldfish can remember things for months.", "Verdict: true, their memory is tiny."],
  ],
  [
    "word-limit",
    "Describe the ocean in at most eight words.",
    [regex(maxWords(8))],
    "Vast, deep, salty water covering most of Earth.",
    ["The ocean is a vast body of salty water that covers most of the surface of our planet."],
  ],
  [
    "json-array",
    "Return a JSON array containing the first five even positive integers, and nothing else.",
    [
      json({ type: "array", items: { type: "integer" }, minItems: 5, maxItems: 5 }),
      regex(String.raw`^\[\s*2,\s*4,\s*6,\s*8,\s*10\s*\]$`),
    ],
    "[2, 4, 6, 8, 10]",
    ["[1, 2, 3, 4, 5]", "2, 4, 6, 8, 10"],
  ],
  [
    "word-count",
    "Give a motto for a hiking club that is exactly three words long.",
    [regex(String.raw`^\S+\s+\S+\s+\S+$`)],
    "Climb, breathe, explore.",
    ["Climb every mountain together.", "Explore!"],
  ],
  [
    "include-words",
    "Write one sentence about a train journey that uses the words 'tunnel', 'valley' and 'whistle'.",
    [containsAll(["tunnel", "valley", "whistle"])],
    "With a long whistle, the train left the tunnel and rolled down into the green valley.",
    ["The train left the tunnel and rolled down into the green valley."],
  ],
  [
    "exclude-word",
    "Rewrite 'The soup was very very hot' without using the word 'very'.",
    [notContains("very"), icontains("soup")],
    "The soup was scalding hot.",
    ["The soup was very hot."],
  ],
  [
    "question-mark",
    "Turn this statement into a yes/no question: 'The museum opens at nine.'",
    [regex(QUESTION), icontains("museum")],
    "Does the museum open at nine?",
    ["The museum opens at nine."],
  ],
  [
    "answer-tags",
    "Give the French word for 'cheese', wrapped in <answer></answer> tags with nothing outside them.",
    [regex(ANSWER_TAGS), icontains("fromage")],
    "<answer>fromage</answer>",
    ["The French word is fromage.", "<answer>formaggio</answer>"],
  ],
  [
    "starts-with",
    "Explain how to boil an egg as numbered steps; your reply must begin with 'Step 1:' and include at least a 'Step 2:'.",
    [startsWith("Step 1:"), containsAll(["Step 2:"])],
    "Step 1: Place the egg in a pan of cold water.\nStep 2: Bring it to the boil and simmer for eight minutes.\nStep 3: Cool it under cold running water.",
    ["First, put the egg in cold water, then bring it to the boil and simmer for eight minutes."],
  ],
  [
    "bullets",
    "Name three fruits that are yellow when ripe, as three bullet points starting with '- ' and no other text.",
    [regex(THREE_BULLETS)],
    "- Banana\n- Lemon\n- Pineapple",
    ["Banana, lemon and pineapple.", "- Banana\n- Lemon"],
  ],
  [
    "uppercase",
    "Shout the greeting 'good morning' in uppercase letters, ending with an exclamation mark.",
    [regex("^[^a-z]+!$"), icontains("good morning")],
    "GOOD MORNING!",
    ["Good morning!", "GOOD MORNING"],
  ],
  [
    "word-limit",
    "In ten words or fewer, say why people carry umbrellas.",
    [regex(maxWords(10)), icontains("rain")],
    "To stay dry when it rains.",
    [
      "People carry umbrellas so that they can stay dry and comfortable whenever it starts to rain unexpectedly.",
    ],
  ],
  [
    "json-object",
    'Is 17 a prime number? Reply only with a JSON object of the form {"prime": true} or {"prime": false}.',
    [
      json({
        type: "object",
        required: ["prime"],
        properties: { prime: { type: "boolean", const: true } },
      }),
    ],
    '{"prime": true}',
    ['{"prime": false}', "Yes, 17 is a prime number."],
  ],
  [
    "include-words",
    "In one sentence, describe a dish whose description contains both the words 'rice' and 'beans'.",
    [containsAll(["rice", "beans"])],
    "Red beans and rice is a Louisiana dish of slow-cooked beans served over white rice.",
    ["Paella is a Spanish rice dish cooked with saffron and seafood."],
  ],
  [
    "exclude-word",
    "Politely decline an invitation to a birthday party in one sentence without using the word 'sorry'.",
    [notContains("sorry"), notContains("Sorry")],
    "Thank you so much for the kind invitation, but I already have plans that evening.",
    ["Sorry, I can't make it to the party.", "I'm so sorry, but I have plans that evening."],
  ],
  [
    "question-mark",
    "Write a one-line riddle about a clock that ends with a question mark.",
    [regex(QUESTION), regex(String.raw`^[^\n]+$`)],
    "I have a face and two hands but can never clap, so what am I?",
    ["A clock has a face and two hands but cannot clap."],
  ],
  [
    "answer-tags",
    "How many legs does a spider have? Give only the number inside <answer></answer> tags.",
    [regex(String.raw`^<answer>\s*8\s*</answer>$`)],
    "<answer>8</answer>",
    ["<answer>6</answer>", "8"],
  ],
  [
    "starts-with",
    "Write a one-line opening for an email to Ms Patel, starting exactly with 'Dear Ms Patel,'.",
    [startsWith("Dear Ms Patel,"), regex(String.raw`^[^\n]+$`)],
    "Dear Ms Patel, thank you for your quick reply about the venue booking.",
    ["Hi Ms Patel, thanks for your quick reply about the venue booking."],
  ],
  [
    "comma-list",
    "List the three traditional primary colours of paint as a comma-separated list in lowercase, with no other text.",
    [regex("^[a-z]+, [a-z]+, [a-z]+$"), containsAll(["red", "yellow", "blue"])],
    "red, yellow, blue",
    ["Red, Yellow, Blue", "red, green, blue"],
  ],
  [
    "json-array",
    "Return a JSON array of exactly three strings, each a word that rhymes with 'cat'. Output only the JSON.",
    [json(stringArray(3))],
    '["hat", "bat", "mat"]',
    ['["hat", "bat", "mat", "rat"]', "hat, bat, mat"],
  ],
  [
    "word-limit",
    "Suggest a title for a story about a lost dog finding its way home, in no more than five words.",
    [regex(maxWords(5))],
    "The Long Way Home",
    ["A Lost Dog's Incredible Journey Back Home Across the Country"],
  ],
  [
    "number-only",
    "Reply with only a number: how many days are in a leap year?",
    [regex("^366$")],
    "366",
    ["There are 366 days in a leap year.", "365"],
  ],
  [
    "bullets",
    "Offer exactly three bullet points, each beginning with '- ', with advice for a first job interview.",
    [regex(THREE_BULLETS)],
    "- Research the company beforehand\n- Arrive ten minutes early\n- Prepare two questions to ask",
    [
      "- Research the company beforehand\n- Arrive ten minutes early\n- Prepare two questions to ask\n- Dress smartly",
    ],
  ],
];

/**
 * Verifiable formatting constraints (bullet counts, word limits, casing, required or banned words,
 * JSON shapes, tags), each checked by deterministic assertions.
 */
export const instructionFollowingSuite: BuiltinSuite = {
  slug: "instruction-following",
  name: "Instruction following",
  description:
    "Written for Crossbench: measures whether a model obeys explicit, machine-checkable format constraints.",
  cases: ROWS.map(toCase),
};
