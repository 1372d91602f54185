import type { BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "You are a concise assistant. Answer the question with the shortest correct phrase only: no explanation, no full sentence.";

/** Builds one factual case: the first accepted answer is the canonical reference. */
function fact(
  id: string,
  topic: string,
  question: string,
  accepted: [string, ...string[]],
  correct: string,
  wrong: [string, ...string[]],
): BuiltinCase {
  return {
    id,
    category: "general",
    tags: ["general", topic],
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: question },
    ],
    reference: accepted[0],
    assertions: [{ type: "exact-match", value: accepted }],
    simulated: { correct, wrong },
  };
}

/**
 * Short factual questions with one stable, unambiguous short-phrase answer (geography, science,
 * history, units, literature and the arts), scored by normalised exact match.
 */
export const factualQaSuite: BuiltinSuite = {
  slug: "factual-qa",
  name: "Factual questions",
  description:
    "Written for Crossbench: short factual questions that measure whether a model recalls well-established facts and answers them tersely.",
  cases: [
    // Geography
    fact("fact-001", "geography", "What is the capital of Australia?", ["Canberra"], "Canberra.", [
      "Sydney.",
      "Melbourne",
    ]),
    fact("fact-002", "geography", "What is the capital of Canada?", ["Ottawa"], "Ottawa", [
      "Toronto.",
    ]),
    fact(
      "fact-003",
      "geography",
      "Which is the largest ocean on Earth?",
      ["Pacific Ocean", "the Pacific Ocean", "Pacific", "the Pacific"],
      "The Pacific Ocean.",
      ["The Atlantic Ocean."],
    ),
    fact(
      "fact-004",
      "geography",
      "Which river carries the greatest volume of water in the world?",
      ["Amazon", "Amazon River", "the Amazon", "the Amazon River"],
      "The Amazon River",
      ["The Nile.", "Congo River"],
    ),
    fact("fact-005", "geography", "What is the capital of Kenya?", ["Nairobi"], "Nairobi.", [
      "Mombasa.",
    ]),
    fact(
      "fact-006",
      "geography",
      "In which country is the city of Marrakesh?",
      ["Morocco"],
      "Morocco",
      ["Algeria.", "Tunisia"],
    ),
    fact(
      "fact-007",
      "geography",
      "What is the capital of New Zealand?",
      ["Wellington"],
      "Wellington.",
      ["Auckland."],
    ),
    fact(
      "fact-008",
      "geography",
      "On which continent is the Atacama Desert?",
      ["South America"],
      "South America.",
      ["Africa.", "North America"],
    ),
    fact(
      "fact-009",
      "geography",
      "What is the highest mountain above sea level on Earth?",
      ["Mount Everest", "Everest", "Mt Everest", "Mt. Everest"],
      "Mount Everest.",
      ["K2.", "Kangchenjunga"],
    ),
    fact("fact-010", "geography", "What is the capital of Turkey?", ["Ankara"], "Ankara", [
      "Istanbul.",
    ]),
    fact(
      "fact-011",
      "geography",
      "Which strait separates the southern tip of Spain from Morocco?",
      ["Strait of Gibraltar", "the Strait of Gibraltar", "Gibraltar"],
      "The Strait of Gibraltar.",
      ["The Strait of Messina.", "Bosphorus"],
    ),
    fact(
      "fact-012",
      "geography",
      "What is the capital of Brazil?",
      ["Brasília", "Brasilia"],
      "Brasília.",
      ["Rio de Janeiro.", "São Paulo"],
    ),

    // Science
    fact("fact-013", "science", "What is the chemical symbol for gold?", ["Au"], "Au", [
      "Ag",
      "Go.",
    ]),
    fact(
      "fact-014",
      "science",
      "Which is the largest planet in our solar system?",
      ["Jupiter"],
      "Jupiter.",
      ["Saturn."],
    ),
    fact("fact-015", "science", "What is the chemical formula of water?", ["H2O", "H₂O"], "H2O", [
      "H2O2",
      "HO2.",
    ]),
    fact(
      "fact-016",
      "science",
      "How many bones are in the typical adult human skeleton?",
      ["206"],
      "206",
      ["212", "300."],
    ),
    fact(
      "fact-017",
      "science",
      "Which gas do plants take in from the air for photosynthesis?",
      ["carbon dioxide", "CO2", "CO₂"],
      "Carbon dioxide.",
      ["Oxygen.", "Nitrogen"],
    ),
    fact("fact-018", "science", "What is the atomic number of carbon?", ["6", "six"], "6", [
      "12",
      "14.",
    ]),
    fact("fact-019", "science", "Which planet is closest to the Sun?", ["Mercury"], "Mercury.", [
      "Venus.",
    ]),
    fact(
      "fact-020",
      "science",
      "At sea level, what is the boiling point of pure water in degrees Celsius?",
      ["100", "100 °C", "100°C", "100 degrees Celsius", "100 degrees"],
      "100 °C",
      ["212", "90 °C"],
    ),
    fact(
      "fact-021",
      "science",
      "Which organelle is known as the powerhouse of the cell?",
      ["mitochondrion", "mitochondria", "the mitochondrion", "the mitochondria"],
      "The mitochondria.",
      ["The nucleus.", "Ribosome"],
    ),
    fact("fact-022", "science", "Which chemical element has the symbol Fe?", ["iron"], "Iron.", [
      "Fluorine.",
      "Lead",
    ]),
    fact(
      "fact-023",
      "science",
      "Which force keeps the planets in orbit around the Sun?",
      ["gravity", "gravitation", "gravitational force", "the gravitational force"],
      "Gravity.",
      ["Magnetism.", "Centrifugal force"],
    ),
    fact(
      "fact-024",
      "science",
      "Which natural mineral ranks 10, the hardest, on the Mohs scale?",
      ["diamond"],
      "Diamond",
      ["Quartz.", "Corundum"],
    ),
    fact(
      "fact-025",
      "science",
      "How many chromosomes does a typical human body (somatic) cell contain?",
      ["46", "forty-six"],
      "46",
      ["23", "48."],
    ),

    // History
    fact(
      "fact-026",
      "history",
      "In which year did humans first land on the Moon?",
      ["1969"],
      "1969.",
      ["1968", "1972."],
    ),
    fact(
      "fact-027",
      "history",
      "Who was the first President of the United States?",
      ["George Washington", "Washington"],
      "George Washington.",
      ["Thomas Jefferson.", "John Adams"],
    ),
    fact("fact-028", "history", "In which year did the Berlin Wall fall?", ["1989"], "1989", [
      "1991.",
      "1990",
    ]),
    fact(
      "fact-029",
      "history",
      "Which civilisation built the mountain citadel of Machu Picchu?",
      ["Inca", "the Inca", "Incas", "the Incas", "Inca Empire", "the Inca Empire"],
      "The Inca.",
      ["The Aztecs.", "Maya"],
    ),
    fact("fact-030", "history", "In which year did the Second World War end?", ["1945"], "1945.", [
      "1944",
      "1939.",
    ]),
    fact(
      "fact-031",
      "history",
      "Who was the first person to walk on the Moon?",
      ["Neil Armstrong", "Armstrong"],
      "Neil Armstrong.",
      ["Buzz Aldrin.", "Yuri Gagarin"],
    ),
    fact(
      "fact-032",
      "history",
      "Which passenger liner sank on its maiden voyage in April 1912 after striking an iceberg?",
      ["Titanic", "the Titanic", "RMS Titanic"],
      "The Titanic.",
      ["The Lusitania.", "Britannic"],
    ),
    fact(
      "fact-033",
      "history",
      "In which year did Christopher Columbus first reach the Americas?",
      ["1492"],
      "1492",
      ["1498.", "1592"],
    ),
    fact(
      "fact-034",
      "history",
      "What was the capital city of the Byzantine Empire called for most of its history?",
      ["Constantinople"],
      "Constantinople.",
      ["Rome.", "Athens"],
    ),

    // Units and measurement
    fact(
      "fact-035",
      "units",
      "How many centimetres are there in one metre?",
      ["100", "one hundred"],
      "100",
      ["1000", "10."],
    ),
    fact(
      "fact-036",
      "units",
      "How many seconds are there in one hour?",
      ["3600", "3,600", "3600 seconds", "3,600 seconds"],
      "3,600 seconds.",
      ["360", "60 seconds."],
    ),
    fact(
      "fact-037",
      "units",
      "How many grams are there in one kilogram?",
      ["1000", "1,000", "1000 grams", "1,000 grams"],
      "1000",
      ["100", "10,000."],
    ),
    fact(
      "fact-038",
      "units",
      "What is the SI base unit of electric current?",
      ["ampere", "amperes", "amp", "A", "the ampere"],
      "The ampere.",
      ["The volt.", "Ohm"],
    ),
    fact("fact-039", "units", "How many sides does a hexagon have?", ["6", "six"], "Six.", [
      "8",
      "Five.",
    ]),
    fact(
      "fact-040",
      "units",
      "What is the SI unit of force?",
      ["newton", "newtons", "N", "the newton"],
      "Newton.",
      ["Joule.", "Pascal"],
    ),
    fact(
      "fact-041",
      "units",
      "How many minutes are there in a full 24-hour day?",
      ["1440", "1,440", "1440 minutes", "1,440 minutes"],
      "1,440",
      ["1400", "1,200."],
    ),

    // Literature and the arts
    fact(
      "fact-042",
      "literature",
      "Who wrote the novel Pride and Prejudice?",
      ["Jane Austen", "Austen"],
      "Jane Austen.",
      ["Charlotte Brontë.", "Emily Brontë"],
    ),
    fact(
      "fact-043",
      "literature",
      "Who wrote the play Romeo and Juliet?",
      ["William Shakespeare", "Shakespeare"],
      "William Shakespeare",
      ["Christopher Marlowe.", "Ben Jonson"],
    ),
    fact(
      "fact-044",
      "literature",
      "Under which pen name did the author of Nineteen Eighty-Four publish?",
      ["George Orwell", "Orwell"],
      "George Orwell.",
      ["Aldous Huxley.", "Eric Blair"],
    ),
    fact(
      "fact-045",
      "arts",
      "Who painted the Mona Lisa?",
      ["Leonardo da Vinci", "Leonardo", "da Vinci"],
      "Leonardo da Vinci.",
      ["Michelangelo.", "Raphael"],
    ),
    fact(
      "fact-046",
      "literature",
      "In which language was Don Quixote originally written?",
      ["Spanish", "Castilian"],
      "Spanish.",
      ["Portuguese.", "Italian"],
    ),
    fact(
      "fact-047",
      "arts",
      "Which composer wrote the Moonlight Sonata?",
      ["Ludwig van Beethoven", "Beethoven"],
      "Ludwig van Beethoven.",
      ["Wolfgang Amadeus Mozart.", "Chopin"],
    ),
    fact(
      "fact-048",
      "literature",
      "Which ancient Greek epic poem tells of Odysseus's long journey home after the Trojan War?",
      ["Odyssey", "the Odyssey"],
      "The Odyssey.",
      ["The Iliad.", "The Aeneid"],
    ),

    // Mathematics and everyday knowledge
    fact(
      "fact-049",
      "mathematics",
      "What do the interior angles of any triangle add up to, in degrees?",
      ["180", "180 degrees", "180°"],
      "180 degrees.",
      ["360 degrees.", "90"],
    ),
    fact("fact-050", "mathematics", "What is the smallest prime number?", ["2", "two"], "2", [
      "1",
      "3.",
    ]),
    fact("fact-051", "mathematics", "What is the square root of 144?", ["12", "twelve"], "12.", [
      "14",
      "72.",
    ]),
    fact(
      "fact-052",
      "economics",
      "What is the official currency of Japan?",
      ["yen", "Japanese yen", "the yen", "the Japanese yen"],
      "The Japanese yen.",
      ["The won.", "Yuan"],
    ),
  ],
};
