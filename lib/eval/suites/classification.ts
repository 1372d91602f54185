import type { BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "You are a precise text classifier. Reply with exactly one of the allowed labels and nothing else.";

type Task = {
  /** The topic tag of its cases. */
  tag: string;
  labels: readonly string[];
  /** What to classify, e.g. "the sentiment of this product review". */
  what: string;
  /** How the text is introduced, e.g. "Review". */
  noun: string;
};

const SENTIMENT: Task = {
  tag: "sentiment",
  labels: ["positive", "negative", "neutral"],
  what: "the sentiment of this customer review",
  noun: "Review",
};

const ROUTING: Task = {
  tag: "ticket-routing",
  labels: ["billing", "technical", "account", "shipping"],
  what: "which support team should handle this ticket",
  noun: "Ticket",
};

const LANGUAGE: Task = {
  tag: "language-id",
  labels: ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Swedish"],
  what: "the language this sentence is written in",
  noun: "Sentence",
};

const SPAM: Task = {
  tag: "spam",
  labels: ["spam", "not spam"],
  what: "whether this message is unsolicited spam",
  noun: "Message",
};

/** Capitalises a label the way a model often answers ("Positive."). */
function spoken(label: string): string {
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

/** Builds one classification case; `confusions` are the plausible wrong labels. */
function label(
  id: string,
  task: Task,
  text: string,
  answer: string,
  confusions: [string, ...string[]],
): BuiltinCase {
  return {
    id,
    category: "classification",
    tags: ["classification", task.tag],
    messages: [
      { role: "system", content: SYSTEM },
      {
        role: "user",
        content: `Classify ${task.what}. Allowed labels: ${task.labels.join(", ")}. Answer with the label only.\n\n${task.noun}: ${text}`,
      },
    ],
    reference: answer,
    assertions: [{ type: "exact-match", value: answer }],
    simulated: { correct: `${spoken(answer)}.`, wrong: confusions.map(spoken) },
  };
}

/**
 * Single-label classification across four tasks: review sentiment, support-ticket routing,
 * language identification and spam detection, scored by normalised exact match on the label.
 */
export const classificationSuite: BuiltinSuite = {
  slug: "classification",
  name: "Text classification",
  description:
    "Written for Crossbench: short invented texts that measure whether a model picks the right label from a fixed set and answers with the label alone.",
  cases: [
    // Sentiment
    label(
      "cls-001",
      SENTIMENT,
      "The blender crushed ice in seconds and it is surprisingly quiet. Best kitchen purchase this year.",
      "positive",
      ["neutral"],
    ),
    label(
      "cls-002",
      SENTIMENT,
      "The strap snapped after two days and support never answered my emails.",
      "negative",
      ["neutral"],
    ),
    label(
      "cls-003",
      SENTIMENT,
      "The package arrived on Tuesday. It contains the lamp, a cable and a manual.",
      "neutral",
      ["positive"],
    ),
    label(
      "cls-004",
      SENTIMENT,
      "I was sceptical at first, but these hiking boots kept my feet dry through three days of rain.",
      "positive",
      ["negative", "neutral"],
    ),
    label(
      "cls-005",
      SENTIMENT,
      "Looks lovely in the photos, but the fabric is thin and it shrank after the first wash.",
      "negative",
      ["positive"],
    ),
    label(
      "cls-006",
      SENTIMENT,
      "The hotel room matched the description: two single beds, a desk and a window facing the car park.",
      "neutral",
      ["negative"],
    ),
    label(
      "cls-007",
      SENTIMENT,
      "Five stars. The staff remembered my name on my second visit and the pastries were still warm.",
      "positive",
      ["neutral"],
    ),
    label(
      "cls-008",
      SENTIMENT,
      "Oh great, another update that deletes my saved playlists. Exactly what I wanted.",
      "negative",
      ["positive"],
    ),
    label(
      "cls-009",
      SENTIMENT,
      "The charger works with my phone. Charging takes about two hours.",
      "neutral",
      ["positive", "negative"],
    ),
    label(
      "cls-010",
      SENTIMENT,
      "Setup took five minutes and the picture quality blew me away. Worth every penny.",
      "positive",
      ["neutral"],
    ),
    label(
      "cls-011",
      SENTIMENT,
      "Never again. The delivery was a week late and the sofa had a tear in the cushion.",
      "negative",
      ["neutral"],
    ),
    label(
      "cls-012",
      SENTIMENT,
      "This is the 2023 edition of the guidebook; the 2024 edition has a different cover.",
      "neutral",
      ["negative"],
    ),
    label(
      "cls-013",
      SENTIMENT,
      "Not bad at all — the battery easily lasts a full day and the keyboard feels solid.",
      "positive",
      ["negative"],
    ),
    label(
      "cls-014",
      SENTIMENT,
      "The app crashes every time I try to upload a photo, and the refund form is broken too.",
      "negative",
      ["neutral"],
    ),

    // Support ticket routing
    label(
      "cls-015",
      ROUTING,
      "I was charged twice for my March subscription. Please refund the duplicate payment.",
      "billing",
      ["account"],
    ),
    label(
      "cls-016",
      ROUTING,
      "The mobile app freezes on the loading screen since yesterday's update, on both my phone and tablet.",
      "technical",
      ["account"],
    ),
    label(
      "cls-017",
      ROUTING,
      "I need to change the email address on my profile because I no longer have access to the old one.",
      "account",
      ["technical"],
    ),
    label(
      "cls-018",
      ROUTING,
      "My parcel has shown 'in transit' for nine days and the tracking number hasn't updated.",
      "shipping",
      ["technical"],
    ),
    label(
      "cls-019",
      ROUTING,
      "Can I get a VAT invoice for last year's annual plan? Our accountant needs it.",
      "billing",
      ["account", "shipping"],
    ),
    label(
      "cls-020",
      ROUTING,
      "The API returns a 500 error whenever I send a request with more than 100 items.",
      "technical",
      ["billing"],
    ),
    label(
      "cls-021",
      ROUTING,
      "Please delete my account and all the personal data you hold about me.",
      "account",
      ["billing"],
    ),
    label(
      "cls-022",
      ROUTING,
      "The courier left my order at the wrong address. How do I get it redirected?",
      "shipping",
      ["account"],
    ),
    label(
      "cls-023",
      ROUTING,
      "My card expired and I'd like to update the payment method before the next renewal.",
      "billing",
      ["account"],
    ),
    label(
      "cls-024",
      ROUTING,
      "I keep getting locked out after entering the two-factor code, even though the code is correct.",
      "account",
      ["billing"],
    ),
    label(
      "cls-025",
      ROUTING,
      "Exports to PDF come out blank when the report contains charts.",
      "technical",
      ["shipping"],
    ),
    label(
      "cls-026",
      ROUTING,
      "Do you ship to Iceland, and how long does international delivery usually take?",
      "shipping",
      ["billing"],
    ),

    // Language identification
    label("cls-027", LANGUAGE, "La bibliothèque ferme à dix-huit heures le samedi.", "French", [
      "Italian",
    ]),
    label("cls-028", LANGUAGE, "Wir treffen uns morgen früh vor dem Bahnhof.", "German", ["Dutch"]),
    label("cls-029", LANGUAGE, "¿Sabes si el museo abre los lunes por la tarde?", "Spanish", [
      "Portuguese",
    ]),
    label("cls-030", LANGUAGE, "Il treno per Firenze parte dal binario sei.", "Italian", [
      "Spanish",
    ]),
    label(
      "cls-031",
      LANGUAGE,
      "Eu gostaria de reservar uma mesa para quatro pessoas.",
      "Portuguese",
      ["Spanish"],
    ),
    label("cls-032", LANGUAGE, "De fietsenmaker is vandaag de hele dag gesloten.", "Dutch", [
      "German",
    ]),
    label("cls-033", LANGUAGE, "Vi ses vid sjön när solen går ner.", "Swedish", [
      "Dutch",
      "German",
    ]),
    label(
      "cls-034",
      LANGUAGE,
      "The bakery on the corner sells out of rye bread before noon.",
      "English",
      ["Dutch"],
    ),
    label("cls-035", LANGUAGE, "Nous avons oublié les parapluies dans la voiture.", "French", [
      "Spanish",
    ]),
    label("cls-036", LANGUAGE, "Kannst du mir bitte das Salz reichen?", "German", ["Swedish"]),
    label("cls-037", LANGUAGE, "Mi hermana trabaja en un hospital cerca del puerto.", "Spanish", [
      "Italian",
    ]),
    label("cls-038", LANGUAGE, "Ho lasciato le chiavi sul tavolo della cucina.", "Italian", [
      "Portuguese",
    ]),

    // Spam detection
    label(
      "cls-039",
      SPAM,
      "CONGRATULATIONS! You have been selected to receive a $1,000 gift card. Click the link within 24 hours to claim.",
      "spam",
      ["not spam"],
    ),
    label(
      "cls-040",
      SPAM,
      "Hi Sam, the design review moved to 3pm tomorrow. Same room as last week.",
      "not spam",
      ["spam"],
    ),
    label(
      "cls-041",
      SPAM,
      "Your account has been suspended. Verify your password immediately at secure-login-update.example to avoid closure.",
      "spam",
      ["not spam"],
    ),
    label(
      "cls-042",
      SPAM,
      "Reminder: your dentist appointment is on Thursday at 9:30. Reply C to confirm.",
      "not spam",
      ["spam"],
    ),
    label(
      "cls-043",
      SPAM,
      "Earn $5,000 a week from home with no experience!!! Limited spots, sign up now.",
      "spam",
      ["not spam"],
    ),
    label(
      "cls-044",
      SPAM,
      "Thanks for your order #20931. We'll email you again when it ships.",
      "not spam",
      ["spam"],
    ),
    label(
      "cls-045",
      SPAM,
      "Dear friend, I am a bank official with an unclaimed inheritance of $8.5 million and need your help to transfer it.",
      "spam",
      ["not spam"],
    ),
    label(
      "cls-046",
      SPAM,
      "Mum says dinner is at 7 on Sunday — can you bring the salad?",
      "not spam",
      ["spam"],
    ),
    label(
      "cls-047",
      SPAM,
      "Cheap meds online, no prescription needed, discreet shipping worldwide. Buy now and save 80%.",
      "spam",
      ["not spam"],
    ),
    label(
      "cls-048",
      SPAM,
      "The quarterly newsletter you subscribed to is attached; use the link at the bottom to unsubscribe.",
      "not spam",
      ["spam"],
    ),
  ],
};
