import type { Assertion, BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "Answer in the language of the question with only the answer, a word or short phrase. When asked to translate, reply with the translation only.";

/** A question asked in the language: ISO code, question, accepted answers (first is canonical), wrong answers. */
type Question = ["q", lang: string, question: string, answers: string[], wrong: string[]];
/**
 * A translation request: ISO code, language name, English phrase, canonical translation,
 * key word(s) the translation must contain (any of them), wrong answers.
 */
type Translation = [
  "t",
  lang: string,
  language: string,
  phrase: string,
  translation: string,
  keys: string[],
  wrong: string[],
];
type Row = Question | Translation;

function toCase(row: Row, index: number): BuiltinCase {
  const id = `ml-${String(index + 1).padStart(3, "0")}`;
  let lang: string;
  let prompt: string;
  let reference: string;
  let assertion: Assertion;
  let wrong: string[];
  if (row[0] === "q") {
    const [, code, question, answers, wrongAnswers] = row;
    lang = code;
    prompt = question;
    reference = answers[0] ?? "";
    assertion = { type: "exact-match", value: answers };
    wrong = wrongAnswers;
  } else {
    const [, code, language, phrase, translation, keys, wrongAnswers] = row;
    lang = code;
    prompt = `Translate this short phrase into ${language}: "${phrase}"`;
    reference = translation;
    assertion =
      keys.length === 1
        ? { type: "icontains", value: keys[0] ?? "" }
        : { type: "contains-any", value: keys };
    wrong = wrongAnswers;
  }
  return {
    id,
    category: "general",
    tags: ["general", "multilingual", lang],
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: prompt },
    ],
    reference,
    assertions: [assertion],
    simulated: { correct: reference, wrong },
  };
}

const ROWS: Row[] = [
  // French
  ["q", "fr", "Quelle est la capitale de l'Italie ?", ["Rome"], ["Paris", "Milan"]],
  [
    "q",
    "fr",
    "Combien de jours y a-t-il dans une semaine ? Répondez en toutes lettres.",
    ["sept"],
    ["six", "huit"],
  ],
  ["q", "fr", "De quelle couleur est la neige fraîche ?", ["blanche", "blanc"], ["noire"]],
  [
    "q",
    "fr",
    "Quel animal domestique fait « miaou » ?",
    ["le chat", "chat", "un chat"],
    ["le chien"],
  ],
  [
    "t",
    "fr",
    "French",
    "Thank you very much.",
    "Merci beaucoup.",
    ["merci"],
    ["Gracias.", "Danke schön."],
  ],
  // German
  [
    "q",
    "de",
    "Wie viele Beine hat ein Hund? Antworte mit einem Wort.",
    ["vier", "4"],
    ["drei", "zwei"],
  ],
  ["q", "de", "Was ist das Gegenteil von „kalt“?", ["warm", "heiß"], ["kühl"]],
  ["q", "de", "Welche Farbe hat Gras im Sommer normalerweise?", ["grün"], ["blau"]],
  ["q", "de", "In welcher Stadt steht das Brandenburger Tor?", ["Berlin"], ["München"]],
  [
    "t",
    "de",
    "German",
    "Good morning",
    "Guten Morgen",
    ["guten morgen"],
    ["Bonjour", "Gute Nacht"],
  ],
  // Spanish
  ["q", "es", "¿Cuál es el color del cielo en un día despejado?", ["azul"], ["verde"]],
  [
    "q",
    "es",
    "¿Cuántos meses tiene un año? Responde con una palabra.",
    ["doce", "12"],
    ["diez", "once"],
  ],
  [
    "q",
    "es",
    "¿Cuál es el planeta más grande del sistema solar?",
    ["Júpiter", "jupiter"],
    ["Saturno"],
  ],
  ["q", "es", "¿Cuál es lo contrario de «grande»?", ["pequeño", "chico"], ["alto"]],
  [
    "t",
    "es",
    "Spanish",
    "Where is the library?",
    "¿Dónde está la biblioteca?",
    ["biblioteca"],
    ["Where is the library?", "¿Dónde está el baño?"],
  ],
  // Portuguese
  ["q", "pt", "Qual é a capital de Portugal?", ["Lisboa"], ["Porto"]],
  ["q", "pt", "Quantas horas tem um dia?", ["vinte e quatro", "24"], ["doze"]],
  ["q", "pt", "Qual é a cor de uma banana madura?", ["amarela", "amarelo"], ["verde"]],
  [
    "t",
    "pt",
    "Portuguese",
    "I am hungry.",
    "Estou com fome.",
    ["fome"],
    ["Estou cansado.", "J'ai faim."],
  ],
  // Italian
  ["q", "it", "Qual è la capitale della Francia?", ["Parigi"], ["Roma"]],
  ["q", "it", "Quanti lati ha un triangolo? Rispondi con una parola.", ["tre", "3"], ["quattro"]],
  [
    "q",
    "it",
    "Come si chiama il satellite naturale della Terra?",
    ["la Luna", "Luna"],
    ["il Sole", "Marte"],
  ],
  [
    "t",
    "it",
    "Italian",
    "The water is cold.",
    "L'acqua è fredda.",
    ["fredda"],
    ["L'acqua è calda.", "The water is cold."],
  ],
  // Japanese
  ["q", "ja", "日本の首都はどこですか？", ["東京", "とうきょう", "東京です"], ["大阪", "京都"]],
  ["q", "ja", "一週間は何日ですか？数字で答えてください。", ["7", "7日", "七日"], ["5", "10"]],
  ["q", "ja", "晴れた日の空は何色ですか？", ["青", "青色", "あお", "青い"], ["赤", "緑"]],
  ["q", "ja", "「犬」は英語で何と言いますか？", ["dog", "a dog"], ["cat"]],
  ["t", "ja", "Japanese", "thank you", "ありがとう", ["ありがとう"], ["こんにちは", "Merci"]],
  // Chinese
  ["q", "zh", "中国的首都是哪个城市？", ["北京", "北京市"], ["上海", "广州"]],
  ["q", "zh", "一年有几个月？", ["十二", "12", "十二个月", "12个月"], ["十", "十一"]],
  ["q", "zh", "水在摄氏多少度结冰？请只回答数字。", ["0", "零"], ["100", "10"]],
  ["t", "zh", "Chinese", "I love you.", "我爱你", ["爱"], ["我喜欢猫", "Je t'aime"]],
  // Hindi
  ["q", "hi", "भारत की राजधानी क्या है?", ["नई दिल्ली", "दिल्ली"], ["मुंबई"]],
  ["q", "hi", "एक सप्ताह में कितने दिन होते हैं? एक शब्द में उत्तर दें।", ["सात", "7"], ["पाँच", "दस"]],
  ["q", "hi", "साफ़ दिन में आसमान का रंग क्या होता है?", ["नीला"], ["हरा", "लाल"]],
  ["t", "hi", "Hindi", "water", "पानी", ["पानी", "जल"], ["दूध", "water"]],
  // Arabic
  ["q", "ar", "ما هي عاصمة مصر؟", ["القاهرة", "القاهره"], ["الإسكندرية"]],
  ["q", "ar", "كم عدد أيام الأسبوع؟", ["سبعة", "سبعه", "سبع", "7"], ["خمسة"]],
  ["q", "ar", "ما لون الحليب؟", ["أبيض", "ابيض", "الأبيض"], ["أسود", "أحمر"]],
  ["t", "ar", "Arabic", "peace", "سلام", ["سلام"], ["حرب", "peace"]],
  // Swahili
  ["q", "sw", "Mji mkuu wa Kenya ni upi?", ["Nairobi"], ["Mombasa"]],
  ["q", "sw", "Jua huchomoza upande gani, mashariki au magharibi?", ["mashariki"], ["magharibi"]],
  ["q", "sw", "Mbili jumlisha tatu ni ngapi? Jibu kwa neno moja.", ["tano", "5"], ["nne", "sita"]],
  ["t", "sw", "Swahili", "thank you", "Asante", ["asante"], ["Karibu", "Jambo"]],
];

/**
 * Short questions asked in ten languages (French, German, Spanish, Portuguese, Italian, Japanese,
 * Chinese, Hindi, Arabic, Swahili) and short translations into them, checked by normalised exact
 * match or by a key word the translation must contain.
 */
export const multilingualSuite: BuiltinSuite = {
  slug: "multilingual",
  name: "Multilingual",
  description:
    "Written for Crossbench: measures whether a model understands and answers short questions across ten languages.",
  cases: ROWS.map(toCase),
};
