import type { BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "You solve arithmetic word problems carefully. Show brief working, then end your answer with the number alone on the last line.";

const INSTRUCTION = "End your answer with the number alone on the last line.";

/** Money answers are checked to the cent; every other answer is exact. */
const MONEY_TOLERANCE = 0.01;
const EXACT_TOLERANCE = 1e-6;

function format(answer: number, money: boolean): string {
  return money ? answer.toFixed(2) : String(answer);
}

/**
 * Builds one word problem. `working` is the simulated model's reasoning (its last line is
 * followed by the answer); `slips` are plausible wrong results, each rendered the same way.
 */
function problem(
  id: string,
  topic: string,
  question: string,
  answer: number,
  working: string,
  slips: [number, ...number[]],
): BuiltinCase {
  const money = topic === "money";
  const render = (value: number): string => format(value, money);
  return {
    id,
    category: "math",
    tags: ["math", topic],
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: `${question} ${INSTRUCTION}` },
    ],
    reference: render(answer),
    assertions: [
      {
        type: "numeric",
        value: answer,
        threshold: money ? MONEY_TOLERANCE : EXACT_TOLERANCE,
      },
    ],
    simulated: {
      correct: `${working}\n${render(answer)}`,
      wrong: slips.map((slip) => `Working it through, I get ${render(slip)}.\n${render(slip)}`),
    },
  };
}

/**
 * Arithmetic word problems (percentages, rates, unit conversion, money with cents and
 * multi-step reasoning), each scored on the last number of the answer.
 */
export const arithmeticSuite: BuiltinSuite = {
  slug: "arithmetic-word-problems",
  name: "Arithmetic word problems",
  description:
    "Written for Crossbench: everyday word problems that measure whether a model carries out multi-step arithmetic correctly and reports a precise number.",
  cases: [
    // Percentages
    problem(
      "math-001",
      "percentages",
      "A jacket normally costs $80 and is on sale at 25% off. What is the sale price in dollars?",
      60,
      "25% of $80 is $20, so the sale price is $80 - $20 = $60.",
      [20, 55],
    ),
    problem(
      "math-002",
      "money",
      "A shop adds 8% sales tax to a purchase of $45.00. What is the total to pay, in dollars?",
      48.6,
      "Tax is 0.08 × 45.00 = 3.60, so the total is 45.00 + 3.60 = 48.60.",
      [3.6, 48.08],
    ),
    problem(
      "math-003",
      "percentages",
      "A town of 2,400 residents grows by 15% over a decade. How many residents does it have afterwards?",
      2760,
      "15% of 2,400 is 360, and 2,400 + 360 = 2,760.",
      [2415, 360],
    ),
    problem(
      "math-004",
      "percentages",
      "What percentage of 72 is 18?",
      25,
      "18 ÷ 72 = 0.25, which is 25%.",
      [4, 18],
    ),
    problem(
      "math-005",
      "percentages",
      "The price of a concert ticket rises from $50 to $65. By what percentage did it increase?",
      30,
      "The rise is $15, and 15 ÷ 50 = 0.30, a 30% increase.",
      [15, 23],
    ),
    problem(
      "math-006",
      "percentages",
      "A student answers 42 of 60 quiz questions correctly. What percentage did they get right?",
      70,
      "42 ÷ 60 = 0.7, which is 70%.",
      [42, 72],
    ),
    problem(
      "math-007",
      "percentages",
      "A laptop priced at $200 gets a 20% discount, and then a further 10% off the reduced price at checkout. What is the final price in dollars?",
      144,
      "After 20% off: 200 × 0.8 = 160. After a further 10% off: 160 × 0.9 = 144.",
      [140, 160],
    ),
    problem(
      "math-008",
      "percentages",
      "After a 25% discount a pair of boots costs $63. What was the original price in dollars?",
      84,
      "The sale price is 75% of the original, so the original is 63 ÷ 0.75 = 84.",
      [78.75, 88],
    ),

    // Rates and time
    problem(
      "math-009",
      "rates",
      "A car travels 150 km in 2.5 hours. What is its average speed in km/h?",
      60,
      "150 ÷ 2.5 = 60 km/h.",
      [375, 50],
    ),
    problem(
      "math-010",
      "rates",
      "An office printer produces 24 pages per minute. How many minutes does it need to print 360 pages?",
      15,
      "360 ÷ 24 = 15 minutes.",
      [14, 16],
    ),
    problem(
      "math-011",
      "rates",
      "A tap fills a tank at 12 litres per minute. How many minutes does it take to fill a 210-litre tank from empty?",
      17.5,
      "210 ÷ 12 = 17.5 minutes.",
      [17, 18],
    ),
    problem(
      "math-012",
      "rates",
      "Pipe A alone fills a pool in 6 hours and pipe B alone fills it in 3 hours. How many hours do they take working together?",
      2,
      "Together they fill 1/6 + 1/3 = 1/2 of the pool per hour, so it takes 2 hours.",
      [4.5, 9],
    ),
    problem(
      "math-013",
      "rates",
      "A cyclist rides 36 km at 12 km/h and then 20 km at 10 km/h. How many hours does the whole ride take?",
      5,
      "36 ÷ 12 = 3 hours and 20 ÷ 10 = 2 hours, so 3 + 2 = 5 hours.",
      [4.67, 6],
    ),
    problem(
      "math-014",
      "rates",
      "A hiker walks at a steady 4.5 km/h for 40 minutes. How many kilometres does she cover?",
      3,
      "40 minutes is 2/3 of an hour, and 4.5 × 2/3 = 3 km.",
      [180, 1.8],
    ),
    problem(
      "math-015",
      "rates",
      "A train departs at 9:45 and arrives at 13:20 the same day. How many minutes does the journey take?",
      215,
      "From 9:45 to 13:45 is 240 minutes; subtract 25 minutes to get 215.",
      [335, 235],
    ),
    problem(
      "math-016",
      "rates",
      "Six workers can build a wall in 10 days. Working at the same rate, how many days would 15 workers need?",
      4,
      "The job takes 6 × 10 = 60 worker-days, and 60 ÷ 15 = 4 days.",
      [25, 5],
    ),
    problem(
      "math-017",
      "rates",
      "A car uses 6.5 litres of fuel per 100 km. How many litres does it use on a 340 km trip?",
      22.1,
      "340 km is 3.4 hundreds of km, and 3.4 × 6.5 = 22.1 litres.",
      [221, 52.3],
    ),

    // Unit conversion
    problem(
      "math-018",
      "units",
      "A running route is 5 km long. How many metres is that?",
      5000,
      "1 km = 1,000 m, so 5 km = 5,000 m.",
      [500, 50000],
    ),
    problem(
      "math-019",
      "units",
      "A film lasts 3.5 hours. How many minutes is that?",
      210,
      "3.5 × 60 = 210 minutes.",
      [350, 330],
    ),
    problem(
      "math-020",
      "units",
      "A bag of flour weighs 2.5 kg. How many grams is that?",
      2500,
      "2.5 × 1,000 = 2,500 g.",
      [250, 25000],
    ),
    problem(
      "math-021",
      "units",
      "A bookshelf is 72 inches tall. How many feet is that?",
      6,
      "There are 12 inches in a foot, so 72 ÷ 12 = 6 feet.",
      [7.2, 8],
    ),
    problem(
      "math-022",
      "units",
      "One inch is exactly 2.54 cm. How many centimetres long is a 10-inch tablet screen diagonal?",
      25.4,
      "10 × 2.54 = 25.4 cm.",
      [254, 3.94],
    ),
    problem(
      "math-023",
      "units",
      "A water bottle holds 1.5 litres. How many millilitres is that?",
      1500,
      "1.5 × 1,000 = 1,500 mL.",
      [150, 15000],
    ),
    problem(
      "math-024",
      "units",
      "Convert 25 degrees Celsius to degrees Fahrenheit using F = C × 9/5 + 32.",
      77,
      "25 × 9/5 = 45, and 45 + 32 = 77 °F.",
      [45, 81],
    ),
    problem(
      "math-025",
      "units",
      "Convert 50 degrees Fahrenheit to degrees Celsius using C = (F - 32) × 5/9.",
      10,
      "50 - 32 = 18, and 18 × 5/9 = 10 °C.",
      [18, 9.8],
    ),
    problem(
      "math-026",
      "units",
      "A car is moving at 90 km/h. What is its speed in metres per second?",
      25,
      "90 km/h = 90,000 m per 3,600 s, and 90,000 ÷ 3,600 = 25 m/s.",
      [1.5, 324],
    ),
    problem(
      "math-027",
      "units",
      "On a map with a scale of 1:50,000, two villages are 4 cm apart. How many kilometres apart are they in reality?",
      2,
      "4 cm × 50,000 = 200,000 cm = 2,000 m = 2 km.",
      [20, 0.2],
    ),

    // Money with cents
    problem(
      "math-028",
      "money",
      "Ana buys 3 notebooks at $2.35 each and 2 pens at $1.20 each. How much does she spend in total, in dollars?",
      9.45,
      "Notebooks: 3 × 2.35 = 7.05. Pens: 2 × 1.20 = 2.40. Total: 7.05 + 2.40 = 9.45.",
      [3.55, 8.25],
    ),
    problem(
      "math-029",
      "money",
      "Leo pays with a $20 bill for two items costing $7.49 and $8.76. How much change does he get, in dollars?",
      3.75,
      "The items cost 7.49 + 8.76 = 16.25, so the change is 20.00 - 16.25 = 3.75.",
      [4.75, 3.85],
    ),
    problem(
      "math-030",
      "money",
      "Four friends split a restaurant bill of $127.80 equally. How much does each pay, in dollars?",
      31.95,
      "127.80 ÷ 4 = 31.95.",
      [32.95, 31.2],
    ),
    problem(
      "math-031",
      "money",
      "A savings account pays 4% simple interest per year. How much interest, in dollars, does a $250 deposit earn over 3 years?",
      30,
      "Each year earns 0.04 × 250 = 10, so 3 years earn 10 × 3 = 30.",
      [10, 280],
    ),
    problem(
      "math-032",
      "money",
      "$1,000 is invested at 5% interest compounded annually. What is the balance after 2 years, in dollars?",
      1102.5,
      "After year 1: 1,000 × 1.05 = 1,050. After year 2: 1,050 × 1.05 = 1,102.50.",
      [1100, 1050],
    ),
    problem(
      "math-033",
      "money",
      "Sam buys a $3.40 coffee every weekday (Monday to Friday) for 4 weeks. How much does he spend, in dollars?",
      68,
      "That is 5 × 4 = 20 coffees, and 20 × 3.40 = 68.00.",
      [95.2, 13.6],
    ),
    problem(
      "math-034",
      "money",
      "At a market, apples cost $3.20 per kg and grapes $4.50 per kg. What do 2.5 kg of apples and 1.2 kg of grapes cost together, in dollars?",
      13.4,
      "Apples: 2.5 × 3.20 = 8.00. Grapes: 1.2 × 4.50 = 5.40. Total: 8.00 + 5.40 = 13.40.",
      [11.25, 14.65],
    ),
    problem(
      "math-035",
      "money",
      "Fuel costs $1.85 per litre. How much does it cost to buy 40 litres, in dollars?",
      74,
      "40 × 1.85 = 74.00.",
      [72.5, 41.85],
    ),
    problem(
      "math-036",
      "money",
      "Priya earns $3,200 a month before tax, and 22% is withheld for taxes. What is her monthly take-home pay, in dollars?",
      2496,
      "Taxes are 0.22 × 3,200 = 704, so take-home pay is 3,200 - 704 = 2,496.",
      [704, 2520],
    ),
    problem(
      "math-037",
      "money",
      "A trader buys 40 shirts at $12.50 each and sells all of them at $19.00 each. What is the total profit, in dollars?",
      260,
      "Cost: 40 × 12.50 = 500. Revenue: 40 × 19.00 = 760. Profit: 760 - 500 = 260.",
      [6.5, 760],
    ),
    problem(
      "math-038",
      "money",
      "Museum tickets cost $12 for adults and $7.50 for children. What do 2 adult and 3 child tickets cost together, in dollars?",
      46.5,
      "Adults: 2 × 12 = 24. Children: 3 × 7.50 = 22.50. Total: 24 + 22.50 = 46.50.",
      [39, 52.5],
    ),
    problem(
      "math-039",
      "money",
      "At an exchange rate of 1 euro = 1.08 US dollars, how many US dollars do you get for 250 euros?",
      270,
      "250 × 1.08 = 270.00.",
      [231.48, 258],
    ),
    problem(
      "math-040",
      "money",
      "A worker earns $18.50 per hour and works 7.5 hours. How much does the worker earn, in dollars?",
      138.75,
      "18.50 × 7.5 = 138.75.",
      [129.5, 135.75],
    ),

    // Multi-step reasoning
    problem(
      "math-041",
      "multi-step",
      "A farmer collects 120 eggs, sells three quarters of them, and then breaks 5 of the rest. How many eggs are left?",
      25,
      "Three quarters of 120 is 90, leaving 30. After 5 break, 30 - 5 = 25 remain.",
      [85, 30],
    ),
    problem(
      "math-042",
      "multi-step",
      "A class has 28 students, and 3/7 of them are boys. How many girls are in the class?",
      16,
      "Boys: 28 × 3/7 = 12. Girls: 28 - 12 = 16.",
      [12, 21],
    ),
    problem(
      "math-043",
      "multi-step",
      "A bakery bakes 14 trays of 24 cookies and sells 290 cookies. How many cookies are left?",
      46,
      "14 × 24 = 336 cookies, and 336 - 290 = 46.",
      [56, 36],
    ),
    problem(
      "math-044",
      "multi-step",
      "A library owns 450 books and lends out 38% of them. How many books remain on the shelves?",
      279,
      "38% of 450 is 171 books lent, and 450 - 171 = 279 remain.",
      [171, 412],
    ),
    problem(
      "math-045",
      "geometry",
      "A rectangular garden measures 12 m by 7.5 m. What is its area in square metres?",
      90,
      "12 × 7.5 = 90 square metres.",
      [39, 84],
    ),
    problem(
      "math-046",
      "geometry",
      "How many metres of fencing are needed to go once around a rectangular yard 15 m long and 8 m wide?",
      46,
      "The perimeter is 2 × (15 + 8) = 2 × 23 = 46 m.",
      [23, 120],
    ),
    problem(
      "math-047",
      "multi-step",
      "A student scores 78, 85, 92 and 69 on four tests. What is the mean score?",
      81,
      "The scores sum to 78 + 85 + 92 + 69 = 324, and 324 ÷ 4 = 81.",
      [80, 82],
    ),
    problem(
      "math-048",
      "multi-step",
      "Kim scored 80, 88, 84 and 90 on four tests. What must she score on the fifth test to average exactly 85 over all five?",
      83,
      "Five tests averaging 85 total 425. The first four sum to 342, so she needs 425 - 342 = 83.",
      [85, 86],
    ),
    problem(
      "math-049",
      "multi-step",
      "A muffin recipe uses 3 cups of flour for 12 muffins. How many cups of flour are needed for 30 muffins?",
      7.5,
      "That is 3 ÷ 12 = 0.25 cups per muffin, and 30 × 0.25 = 7.5 cups.",
      [10, 7],
    ),
    problem(
      "math-050",
      "multi-step",
      "A jar holds red and blue marbles in the ratio 3:5, 64 marbles in all. How many marbles are blue?",
      40,
      "There are 3 + 5 = 8 parts, each worth 64 ÷ 8 = 8 marbles, so blue is 5 × 8 = 40.",
      [24, 38],
    ),
    problem(
      "math-051",
      "multi-step",
      "A mother is three times as old as her son. In 12 years she will be twice as old as him. How old is the son now?",
      12,
      "If the son is s, then 3s + 12 = 2(s + 12), so 3s + 12 = 2s + 24 and s = 12.",
      [36, 24],
    ),
    problem(
      "math-052",
      "multi-step",
      "Three consecutive whole numbers add up to 87. What is the largest of them?",
      30,
      "The middle number is 87 ÷ 3 = 29, so the numbers are 28, 29 and 30; the largest is 30.",
      [29, 28],
    ),
  ],
};
