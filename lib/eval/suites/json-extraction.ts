import type { BuiltinCase, BuiltinSuite } from "../types";

const SYSTEM =
  "You extract structured data from text. Reply with a single JSON object and nothing else: no prose, no code fences. Copy names, codes and identifiers exactly as they appear in the text.";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Turns a wrong simulated answer into text, given the correct object. */
type Mistake = (expected: JsonObject) => string;

/** A JSON Schema that pins every field of `value` to its expected content. */
function schemaFor(value: Json): Record<string, unknown> {
  if (value === null) return { type: "null" };
  if (Array.isArray(value)) return { type: "array", const: value };
  if (typeof value === "object") {
    const keys = Object.keys(value);
    const properties: Record<string, unknown> = {};
    for (const key of keys) {
      const field = value[key];
      if (field !== undefined) properties[key] = schemaFor(field);
    }
    return { type: "object", properties, required: keys, additionalProperties: false };
  }
  if (typeof value === "number")
    return { type: Number.isInteger(value) ? "integer" : "number", const: value };
  return { type: typeof value, const: value };
}

/** The answer with one field changed to a plausible wrong value. */
function swap(key: string, value: Json): Mistake {
  return (expected) => JSON.stringify({ ...expected, [key]: value });
}

/** The answer with one field left out. */
function drop(key: string): Mistake {
  return (expected) =>
    JSON.stringify(Object.fromEntries(Object.entries(expected).filter(([name]) => name !== key)));
}

/** The answer as JavaScript-ish text that is not valid JSON (unquoted keys, trailing comma). */
function loose(): Mistake {
  return (expected) =>
    `{${Object.entries(expected)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ")},}`;
}

/** The answer wrapped in chatty prose, which is not a JSON document. */
function chatty(): Mistake {
  return (expected) =>
    `Here is the extracted data:\n${JSON.stringify(expected)}\nLet me know if you need anything else.`;
}

/**
 * Builds one extraction case. `fields` describes the keys the model must return; `expected` is
 * the correct object, which doubles as the reference and as the source of the schema.
 */
function extract(
  id: string,
  topic: string,
  text: string,
  fields: string,
  expected: JsonObject,
  mistakes: [Mistake, ...Mistake[]],
): BuiltinCase {
  const reference = JSON.stringify(expected);
  return {
    id,
    category: "extraction",
    tags: ["extraction", topic],
    messages: [
      { role: "system", content: SYSTEM },
      {
        role: "user",
        content: `Extract these fields from the text below as a JSON object with exactly these keys: ${fields}\n\nText:\n"""\n${text}\n"""`,
      },
    ],
    reference,
    assertions: [{ type: "is-json" }, { type: "json-schema", value: schemaFor(expected) }],
    simulated: { correct: reference, wrong: mistakes.map((mistake) => mistake(expected)) },
  };
}

/**
 * Field extraction from short invented documents (invoices, contact cards, meeting notes,
 * listings, bookings…) into JSON, checked with a schema that pins every expected value.
 */
export const jsonExtractionSuite: BuiltinSuite = {
  slug: "json-extraction",
  name: "JSON extraction",
  description:
    "Written for Crossbench: short invented documents from which a model must extract named fields as valid JSON with the exact expected values.",
  cases: [
    // Invoices and receipts
    extract(
      "json-001",
      "invoice",
      "Invoice INV-20417 from Northwind Paper Co. to Halden Studio. Issued 3 March 2024; payment due 2 April 2024. 40 reams of A4 paper at 4.25 EUR each. Total due: 170.00 EUR.",
      "invoice_number (string), vendor (string), total (number), currency (ISO 4217 code), due_date (YYYY-MM-DD).",
      {
        invoice_number: "INV-20417",
        vendor: "Northwind Paper Co.",
        total: 170,
        currency: "EUR",
        due_date: "2024-04-02",
      },
      [swap("due_date", "2024-03-03"), swap("total", 4.25), loose()],
    ),
    extract(
      "json-002",
      "invoice",
      "BILL TO: Marisol Ortega. Invoice no. 7781-B, dated 2023-11-14. Web design, 12 hours at $85/hour = $1,020.00. Hosting setup $120.00. Amount due: $1,140.00 USD within 30 days.",
      "invoice_number (string), client (string), hours (number), amount_due (number), currency (ISO 4217 code).",
      {
        invoice_number: "7781-B",
        client: "Marisol Ortega",
        hours: 12,
        amount_due: 1140,
        currency: "USD",
      },
      [swap("amount_due", 1020), drop("hours")],
    ),
    extract(
      "json-003",
      "receipt",
      "GREENLEAF GROCERS — Receipt #000953 — 18/06/2024 17:42. Oat milk 2.19, Sourdough loaf 3.80, Tomatoes 1kg 2.95. Subtotal 8.94. Paid by card ending 4471.",
      "receipt_number (string, digits as printed), item_count (integer), subtotal (number), card_last_four (string).",
      { receipt_number: "000953", item_count: 3, subtotal: 8.94, card_last_four: "4471" },
      [swap("receipt_number", "953"), swap("subtotal", 9.94)],
    ),
    extract(
      "json-004",
      "invoice",
      "Kestrel Freight Ltd — invoice KF-0092. Customer: Ambleside Pottery. Net 450.00 GBP, VAT at 20% 90.00 GBP, gross 540.00 GBP. Status: paid on 9 January 2025.",
      'invoice_number (string), customer (string), net (number), vat (number), gross (number), status (one of "paid", "unpaid", "overdue").',
      {
        invoice_number: "KF-0092",
        customer: "Ambleside Pottery",
        net: 450,
        vat: 90,
        gross: 540,
        status: "paid",
      },
      [swap("status", "unpaid"), swap("gross", 450), chatty()],
    ),
    extract(
      "json-005",
      "receipt",
      "Taxi receipt. Driver ID 55-210. Pickup 23:05 at Central Station, drop-off 23:31 at Elm Park. Distance 11.4 km. Fare 24.60, tip 3.00, total 27.60 CAD.",
      "driver_id (string), distance_km (number), fare (number), tip (number), total (number), currency (ISO 4217 code).",
      {
        driver_id: "55-210",
        distance_km: 11.4,
        fare: 24.6,
        tip: 3,
        total: 27.6,
        currency: "CAD",
      },
      [swap("total", 24.6), swap("currency", "USD")],
    ),

    // Contact cards
    extract(
      "json-006",
      "contact",
      "Dr. Ines Kowalczyk, Head of Research, Lumen Biotech. Phone +48 22 555 0142. Email ines.k@lumenbio.example. Office: 14 Prosta Street, Warsaw.",
      "name (string, without title), title (string, job title), company (string), email (string), city (string).",
      {
        name: "Ines Kowalczyk",
        title: "Head of Research",
        company: "Lumen Biotech",
        email: "ines.k@lumenbio.example",
        city: "Warsaw",
      },
      [swap("name", "Dr. Ines Kowalczyk"), drop("email")],
    ),
    extract(
      "json-007",
      "contact",
      "Reach our sales lead, Tomás Reyes, at tomas.reyes@brightkiln.example or on his mobile, 555-0187. He covers the Pacific Northwest region for Brightkiln Ceramics.",
      "name (string), email (string), phone (string, as written), region (string), company (string).",
      {
        name: "Tomás Reyes",
        email: "tomas.reyes@brightkiln.example",
        phone: "555-0187",
        region: "Pacific Northwest",
        company: "Brightkiln Ceramics",
      },
      [swap("phone", "555-0178"), loose()],
    ),
    extract(
      "json-008",
      "contact",
      "New member registration: Aiko Tanabe, born 1991, joined 2024-02-19, membership tier Gold, prefers contact by SMS, newsletter opt-in: no.",
      'name (string), birth_year (integer), joined (YYYY-MM-DD), tier (one of "Bronze", "Silver", "Gold"), newsletter (boolean).',
      {
        name: "Aiko Tanabe",
        birth_year: 1991,
        joined: "2024-02-19",
        tier: "Gold",
        newsletter: false,
      },
      [swap("newsletter", true), swap("tier", "Silver")],
    ),
    extract(
      "json-009",
      "contact",
      "Emergency contact for employee #4410 (Ruth Adeyemi): her brother, Kunle Adeyemi, reachable on +234 803 555 0119.",
      "employee_id (integer), employee_name (string), contact_name (string), relationship (string, lowercase), contact_phone (string, as written).",
      {
        employee_id: 4410,
        employee_name: "Ruth Adeyemi",
        contact_name: "Kunle Adeyemi",
        relationship: "brother",
        contact_phone: "+234 803 555 0119",
      },
      [swap("contact_name", "Ruth Adeyemi"), drop("relationship")],
    ),

    // Meetings and events
    extract(
      "json-010",
      "meeting",
      "Notes — Q3 roadmap sync, Tuesday 2024-07-09, 10:00-10:45, room Birch. Attendees: Priya, Marco, Lena. Decision: ship the export feature before the pricing page. Next meeting 2024-07-16.",
      "date (YYYY-MM-DD), start (HH:MM), end (HH:MM), room (string), attendees (array of names in the order listed), next_meeting (YYYY-MM-DD).",
      {
        date: "2024-07-09",
        start: "10:00",
        end: "10:45",
        room: "Birch",
        attendees: ["Priya", "Marco", "Lena"],
        next_meeting: "2024-07-16",
      },
      [swap("attendees", ["Priya", "Marco"]), swap("next_meeting", "2024-07-09")],
    ),
    extract(
      "json-011",
      "meeting",
      "Action items from the vendor review: Jonas to send the revised contract by Friday 14 June 2024; Amara to book the site visit. Budget ceiling agreed at 48,000 EUR.",
      "action_owners (array of names in the order mentioned), contract_deadline (YYYY-MM-DD), budget (number), currency (ISO 4217 code).",
      {
        action_owners: ["Jonas", "Amara"],
        contract_deadline: "2024-06-14",
        budget: 48000,
        currency: "EUR",
      },
      [swap("budget", 48), swap("action_owners", ["Amara", "Jonas"])],
    ),
    extract(
      "json-012",
      "event",
      "Join us for the Riverside Jazz Night on Saturday 21 September 2024, doors at 19:30, at The Old Boathouse. Tickets 18 GBP, students 12 GBP. Capacity 150.",
      "event (string), date (YYYY-MM-DD), doors (HH:MM), venue (string), ticket_price (number, standard), student_price (number), capacity (integer).",
      {
        event: "Riverside Jazz Night",
        date: "2024-09-21",
        doors: "19:30",
        venue: "The Old Boathouse",
        ticket_price: 18,
        student_price: 12,
        capacity: 150,
      },
      [swap("ticket_price", 12), swap("doors", "7:30"), chatty()],
    ),
    extract(
      "json-013",
      "event",
      'Webinar reminder: "Scaling Postgres Reads" with speaker Dana Whitfield starts at 16:00 UTC on 2025-03-05 and runs 60 minutes. Recording available: yes.',
      "title (string), speaker (string), date (YYYY-MM-DD), start_utc (HH:MM), duration_minutes (integer), recorded (boolean).",
      {
        title: "Scaling Postgres Reads",
        speaker: "Dana Whitfield",
        date: "2025-03-05",
        start_utc: "16:00",
        duration_minutes: 60,
        recorded: true,
      },
      [swap("duration_minutes", 1), drop("speaker")],
    ),
    extract(
      "json-014",
      "meeting",
      "Calendar invite: 1:1 Felix / Noor, every other Thursday, 15:30 for 30 minutes, on video call. First occurrence 2024-10-03. Organiser: Noor.",
      'participants (array of names in the order listed), weekday (string), start (HH:MM), duration_minutes (integer), recurrence (one of "weekly", "biweekly", "monthly"), organiser (string).',
      {
        participants: ["Felix", "Noor"],
        weekday: "Thursday",
        start: "15:30",
        duration_minutes: 30,
        recurrence: "biweekly",
        organiser: "Noor",
      },
      [swap("recurrence", "weekly"), swap("organiser", "Felix")],
    ),

    // Product listings
    extract(
      "json-015",
      "product",
      "Aurora X2 Wireless Headphones — SKU AUR-X2-BLK. Colour: black. Battery life up to 32 hours. Price 149.99 USD. In stock: 27 units.",
      "sku (string), colour (string, lowercase), battery_hours (integer), price (number), stock (integer).",
      { sku: "AUR-X2-BLK", colour: "black", battery_hours: 32, price: 149.99, stock: 27 },
      [swap("price", 149.9), swap("stock", 32)],
    ),
    extract(
      "json-016",
      "product",
      "For sale: oak dining table, 180 x 90 cm, seats 6, lightly used, collection only from Leeds. Asking £320 or nearest offer.",
      'item (string), length_cm (integer), width_cm (integer), seats (integer), price (number), delivery (one of "collection", "delivery", "both").',
      {
        item: "oak dining table",
        length_cm: 180,
        width_cm: 90,
        seats: 6,
        price: 320,
        delivery: "collection",
      },
      [swap("delivery", "both"), swap("width_cm", 180)],
    ),
    extract(
      "json-017",
      "product",
      "TrailPeak 45L hiking backpack. Weight 1.35 kg. Waterproof: yes. Available sizes: S, M, L. Rating 4.6 out of 5 from 312 reviews.",
      "capacity_litres (integer), weight_kg (number), waterproof (boolean), sizes (array of strings in the order listed), rating (number), review_count (integer).",
      {
        capacity_litres: 45,
        weight_kg: 1.35,
        waterproof: true,
        sizes: ["S", "M", "L"],
        rating: 4.6,
        review_count: 312,
      },
      [swap("review_count", 4.6), drop("sizes"), loose()],
    ),
    extract(
      "json-018",
      "product",
      "Bulk coffee beans — Finca Alta, Colombia, medium roast, 1 kg bag for 21.50 EUR; 10% off orders of 5 bags or more.",
      "origin_country (string), roast (string, lowercase), bag_kg (number), price (number), bulk_discount_percent (number), bulk_min_bags (integer).",
      {
        origin_country: "Colombia",
        roast: "medium",
        bag_kg: 1,
        price: 21.5,
        bulk_discount_percent: 10,
        bulk_min_bags: 5,
      },
      [swap("origin_country", "Finca Alta"), swap("bulk_min_bags", 10)],
    ),
    extract(
      "json-019",
      "product",
      "Listing #88213: 2019 Corolla hatchback, 64,500 km, petrol, manual gearbox, one previous owner. Price 13,900 AUD.",
      'listing_id (integer), year (integer), mileage_km (integer), fuel (string, lowercase), transmission (one of "manual", "automatic"), price (number), currency (ISO 4217 code).',
      {
        listing_id: 88213,
        year: 2019,
        mileage_km: 64500,
        fuel: "petrol",
        transmission: "manual",
        price: 13900,
        currency: "AUD",
      },
      [swap("mileage_km", 64.5), swap("transmission", "automatic")],
    ),

    // Travel bookings
    extract(
      "json-020",
      "flight",
      "Booking ref QX7P2L. Passenger: Mr Daniel Okafor. Flight LH 2417 from Munich (MUC) to Lisbon (LIS) on 12 May 2024, departs 07:55, seat 14C, economy.",
      'booking_ref (string), passenger (string, without title), flight (string, as written), from (IATA code), to (IATA code), date (YYYY-MM-DD), seat (string), cabin (one of "economy", "premium", "business", "first").',
      {
        booking_ref: "QX7P2L",
        passenger: "Daniel Okafor",
        flight: "LH 2417",
        from: "MUC",
        to: "LIS",
        date: "2024-05-12",
        seat: "14C",
        cabin: "economy",
      },
      [swap("to", "MUC"), swap("seat", "C14"), chatty()],
    ),
    extract(
      "json-021",
      "flight",
      "Your return flight: AC 0871, Toronto Pearson (YYZ) to London Heathrow (LHR), 2024-12-20, departure 21:40, arrival 09:35 next day. Checked bags: 2.",
      "flight (string, as written), origin (IATA code), destination (IATA code), date (YYYY-MM-DD), departure (HH:MM), arrival (HH:MM), checked_bags (integer).",
      {
        flight: "AC 0871",
        origin: "YYZ",
        destination: "LHR",
        date: "2024-12-20",
        departure: "21:40",
        arrival: "09:35",
        checked_bags: 2,
      },
      [swap("arrival", "21:40"), drop("checked_bags")],
    ),
    extract(
      "json-022",
      "hotel",
      "Reservation confirmed at Hotel Miramar, Valencia. Guest: Sofia Lindqvist. Check-in 2024-08-03, check-out 2024-08-07 (4 nights). Double room, breakfast included. Total 612.00 EUR.",
      "hotel (string), guest (string), check_in (YYYY-MM-DD), check_out (YYYY-MM-DD), nights (integer), breakfast (boolean), total (number).",
      {
        hotel: "Hotel Miramar",
        guest: "Sofia Lindqvist",
        check_in: "2024-08-03",
        check_out: "2024-08-07",
        nights: 4,
        breakfast: true,
        total: 612,
      },
      [swap("nights", 5), swap("breakfast", false)],
    ),
    extract(
      "json-023",
      "train",
      "E-ticket: Paris Gare de Lyon → Marseille Saint-Charles, train 6107, 2025-04-18, coach 7, seat 62, second class, fare 89 EUR, non-refundable.",
      'origin (string), destination (string), train (string), date (YYYY-MM-DD), coach (integer), seat (integer), class (one of "first", "second"), refundable (boolean).',
      {
        origin: "Paris Gare de Lyon",
        destination: "Marseille Saint-Charles",
        train: "6107",
        date: "2025-04-18",
        coach: 7,
        seat: 62,
        class: "second",
        refundable: false,
      },
      [swap("refundable", true), swap("coach", 62)],
    ),
    extract(
      "json-024",
      "car-rental",
      "Rental agreement RA-55190: compact car (Toyota Yaris or similar), pick-up Dublin Airport 2024-06-01 10:00, return 2024-06-05 10:00 at the same location. Daily rate 42.50 EUR. Full insurance declined.",
      "agreement (string), car_class (string, lowercase), pickup_date (YYYY-MM-DD), return_date (YYYY-MM-DD), daily_rate (number), full_insurance (boolean).",
      {
        agreement: "RA-55190",
        car_class: "compact",
        pickup_date: "2024-06-01",
        return_date: "2024-06-05",
        daily_rate: 42.5,
        full_insurance: false,
      },
      [swap("full_insurance", true), swap("daily_rate", 170)],
    ),

    // Orders and shipping
    extract(
      "json-025",
      "order",
      "Order #A-30918 placed 2024-09-02 by Wen Liu: 2 × ceramic mug (9.00 each), 1 × teapot (34.00). Shipping 5.50. Order total 57.50 USD. Status: shipped.",
      'order_id (string), customer (string), item_count (integer, total units), shipping (number), total (number), status (one of "pending", "shipped", "delivered", "cancelled").',
      {
        order_id: "A-30918",
        customer: "Wen Liu",
        item_count: 3,
        shipping: 5.5,
        total: 57.5,
        status: "shipped",
      },
      [swap("item_count", 2), swap("total", 52)],
    ),
    extract(
      "json-026",
      "shipping",
      "Parcel update: tracking number 1Z 999 AA1 01 2345 6784 is out for delivery in Rotterdam today. Weight 2.3 kg. Signature required.",
      'tracking_number (string, as written), status (one of "in_transit", "out_for_delivery", "delivered"), city (string), weight_kg (number), signature_required (boolean).',
      {
        tracking_number: "1Z 999 AA1 01 2345 6784",
        status: "out_for_delivery",
        city: "Rotterdam",
        weight_kg: 2.3,
        signature_required: true,
      },
      [swap("status", "delivered"), swap("tracking_number", "1Z999AA10123456784")],
    ),
    extract(
      "json-027",
      "order",
      "Return request RMA-4471 for order 55-0091: customer wants a refund (not an exchange) for one pair of running shoes, size 42, reason: too small. Refund amount 79.95.",
      'rma (string), order_id (string), resolution (one of "refund", "exchange", "store_credit"), size (integer), reason (string), refund_amount (number).',
      {
        rma: "RMA-4471",
        order_id: "55-0091",
        resolution: "refund",
        size: 42,
        reason: "too small",
        refund_amount: 79.95,
      },
      [swap("resolution", "exchange"), drop("rma"), loose()],
    ),
    extract(
      "json-028",
      "shipping",
      'Customs declaration: 1 box, contents "handmade wool scarves", quantity 12, declared value 240 USD, country of origin Peru, gift: no.',
      "contents (string), quantity (integer), declared_value (number), currency (ISO 4217 code), origin_country (string), gift (boolean).",
      {
        contents: "handmade wool scarves",
        quantity: 12,
        declared_value: 240,
        currency: "USD",
        origin_country: "Peru",
        gift: false,
      },
      [swap("quantity", 1), swap("gift", true)],
    ),

    // Finance and accounts
    extract(
      "json-029",
      "bank",
      "Transaction alert: 2024-10-11 card payment of 63.20 GBP to CITYWIDE CYCLES declined — insufficient funds. Available balance 41.07 GBP.",
      'date (YYYY-MM-DD), merchant (string, as written), amount (number), currency (ISO 4217 code), outcome (one of "approved", "declined"), balance (number).',
      {
        date: "2024-10-11",
        merchant: "CITYWIDE CYCLES",
        amount: 63.2,
        currency: "GBP",
        outcome: "declined",
        balance: 41.07,
      },
      [swap("outcome", "approved"), swap("balance", 63.2)],
    ),
    extract(
      "json-030",
      "bank",
      "Standing order set up: pay 750.00 EUR to Hausverwaltung Brandt on the 1st of every month starting 2025-02-01, reference FLAT 3B RENT.",
      'amount (number), currency (ISO 4217 code), payee (string), day_of_month (integer), start_date (YYYY-MM-DD), reference (string, as written), frequency (one of "weekly", "monthly", "yearly").',
      {
        amount: 750,
        currency: "EUR",
        payee: "Hausverwaltung Brandt",
        day_of_month: 1,
        start_date: "2025-02-01",
        reference: "FLAT 3B RENT",
        frequency: "monthly",
      },
      [swap("day_of_month", 2), drop("reference")],
    ),
    extract(
      "json-031",
      "subscription",
      "Your Streamly Plus plan renews on 2024-11-30 at 12.99 USD per month. You have 2 of 4 screens in use. Auto-renew is on.",
      "plan (string), renewal_date (YYYY-MM-DD), monthly_price (number), screens_used (integer), screens_allowed (integer), auto_renew (boolean).",
      {
        plan: "Streamly Plus",
        renewal_date: "2024-11-30",
        monthly_price: 12.99,
        screens_used: 2,
        screens_allowed: 4,
        auto_renew: true,
      },
      [swap("screens_used", 4), swap("auto_renew", false)],
    ),
    extract(
      "json-032",
      "expense",
      "Expense claim by Harriet Moss, cost centre CC-210: client lunch 2024-05-22, 86.40 SGD, receipt attached, project code Tern.",
      "employee (string), cost_centre (string), date (YYYY-MM-DD), amount (number), currency (ISO 4217 code), receipt_attached (boolean), project (string).",
      {
        employee: "Harriet Moss",
        cost_centre: "CC-210",
        date: "2024-05-22",
        amount: 86.4,
        currency: "SGD",
        receipt_attached: true,
        project: "Tern",
      },
      [swap("currency", "USD"), chatty()],
    ),

    // Work, housing and everyday documents
    extract(
      "json-033",
      "job",
      "Hiring: Senior Data Engineer, hybrid (3 days in office), Manchester. Salary 70,000–82,000 GBP. 5+ years of experience required. Apply by 2024-08-31.",
      'role (string), work_mode (one of "remote", "hybrid", "onsite"), city (string), salary_min (integer), salary_max (integer), min_years_experience (integer), deadline (YYYY-MM-DD).',
      {
        role: "Senior Data Engineer",
        work_mode: "hybrid",
        city: "Manchester",
        salary_min: 70000,
        salary_max: 82000,
        min_years_experience: 5,
        deadline: "2024-08-31",
      },
      [swap("work_mode", "onsite"), swap("salary_max", 70000)],
    ),
    extract(
      "json-034",
      "real-estate",
      "To let: two-bedroom apartment, 68 m², third floor with lift, balcony, pets allowed, 1,250 EUR per month plus 180 EUR service charges. Available from 2024-09-01.",
      "bedrooms (integer), area_m2 (integer), floor (integer), lift (boolean), pets_allowed (boolean), rent (number), service_charges (number), available_from (YYYY-MM-DD).",
      {
        bedrooms: 2,
        area_m2: 68,
        floor: 3,
        lift: true,
        pets_allowed: true,
        rent: 1250,
        service_charges: 180,
        available_from: "2024-09-01",
      },
      [swap("rent", 1430), swap("pets_allowed", false)],
    ),
    extract(
      "json-035",
      "appointment",
      "Reminder: your dental check-up with Dr. Halvorsen is on Wednesday 2024-04-17 at 08:15 at the Linden Road clinic. Please arrive 10 minutes early. To cancel, call 555-0134.",
      "practitioner (string, as written), date (YYYY-MM-DD), time (HH:MM), clinic (string), arrive_early_minutes (integer), cancel_phone (string).",
      {
        practitioner: "Dr. Halvorsen",
        date: "2024-04-17",
        time: "08:15",
        clinic: "Linden Road",
        arrive_early_minutes: 10,
        cancel_phone: "555-0134",
      },
      [swap("time", "08:05"), drop("cancel_phone")],
    ),
    extract(
      "json-036",
      "support",
      'Ticket #31877 opened by user mkhan (priority: high) — "Export to CSV times out for reports over 10,000 rows". Assigned to team Data Platform. Status: open.',
      'ticket_id (integer), user (string), priority (one of "low", "medium", "high", "urgent"), team (string), status (one of "open", "pending", "closed").',
      {
        ticket_id: 31877,
        user: "mkhan",
        priority: "high",
        team: "Data Platform",
        status: "open",
      },
      [swap("priority", "urgent"), swap("ticket_id", 10000)],
    ),
    extract(
      "json-037",
      "recipe",
      "Lemon lentil soup — serves 4. Prep 15 minutes, cook 35 minutes. Vegan: yes. Main ingredients: red lentils, carrots, lemon.",
      "dish (string), servings (integer), prep_minutes (integer), cook_minutes (integer), vegan (boolean), ingredients (array of strings in the order listed).",
      {
        dish: "Lemon lentil soup",
        servings: 4,
        prep_minutes: 15,
        cook_minutes: 35,
        vegan: true,
        ingredients: ["red lentils", "carrots", "lemon"],
      },
      [swap("cook_minutes", 50), swap("servings", 15)],
    ),
    extract(
      "json-038",
      "book",
      'Catalogue entry: "The Salt Road" by Imogen Achterberg, published 2017 by Harrow & Finch, 384 pages, ISBN 978-0-00-000417-2, paperback.',
      'title (string), author (string), year (integer), publisher (string), pages (integer), isbn (string, as written), format (one of "hardback", "paperback", "ebook").',
      {
        title: "The Salt Road",
        author: "Imogen Achterberg",
        year: 2017,
        publisher: "Harrow & Finch",
        pages: 384,
        isbn: "978-0-00-000417-2",
        format: "paperback",
      },
      [swap("year", 384), swap("format", "hardback")],
    ),
    extract(
      "json-039",
      "sports",
      "Final score: Harbour City FC 2, Eastvale United 3 (half-time 1–1). Attendance 18,204. Man of the match: Kofi Mensah (Eastvale United).",
      "home_team (string), away_team (string), home_goals (integer), away_goals (integer), attendance (integer), player_of_match (string).",
      {
        home_team: "Harbour City FC",
        away_team: "Eastvale United",
        home_goals: 2,
        away_goals: 3,
        attendance: 18204,
        player_of_match: "Kofi Mensah",
      },
      [swap("home_goals", 3), swap("attendance", 18.204)],
    ),
    extract(
      "json-040",
      "weather",
      "Forecast for Bergen, Thursday: heavy rain, high 11 °C, low 6 °C, wind from the south-west at 35 km/h, 90% chance of precipitation.",
      'city (string), condition (one of "sunny", "cloudy", "light rain", "heavy rain", "snow"), high_c (integer), low_c (integer), wind_kmh (integer), precipitation_percent (integer).',
      {
        city: "Bergen",
        condition: "heavy rain",
        high_c: 11,
        low_c: 6,
        wind_kmh: 35,
        precipitation_percent: 90,
      },
      [swap("high_c", 6), swap("condition", "light rain")],
    ),
    extract(
      "json-041",
      "course",
      "Enrolment confirmed: Priyanka Rao is registered for STAT 201 (Applied Regression), section 02, spring term 2025, 4 credits, waitlisted: no.",
      'student (string), course_code (string), course_title (string), section (string, as written), term (string, e.g. "spring 2025"), credits (integer), waitlisted (boolean).',
      {
        student: "Priyanka Rao",
        course_code: "STAT 201",
        course_title: "Applied Regression",
        section: "02",
        term: "spring 2025",
        credits: 4,
        waitlisted: false,
      },
      [swap("section", "2"), swap("waitlisted", true)],
    ),
    extract(
      "json-042",
      "maintenance",
      "Work order WO-6620: replace the water heater at Unit 12, Willow Court. Technician: Gareth Pugh. Scheduled 2024-03-28, estimated 3.5 hours. Parts cost 410.00, labour 157.50.",
      "work_order (string), unit (string), technician (string), date (YYYY-MM-DD), estimated_hours (number), parts_cost (number), labour_cost (number).",
      {
        work_order: "WO-6620",
        unit: "Unit 12, Willow Court",
        technician: "Gareth Pugh",
        date: "2024-03-28",
        estimated_hours: 3.5,
        parts_cost: 410,
        labour_cost: 157.5,
      },
      [swap("labour_cost", 410), drop("technician")],
    ),
    extract(
      "json-043",
      "library",
      'Loan record: member 30-7719 borrowed "Night Harbour" (barcode 0004412983) on 2024-01-08; due back 2024-01-29; renewals used 1 of 3.',
      "member_id (string), title (string), barcode (string, as written), borrowed (YYYY-MM-DD), due (YYYY-MM-DD), renewals_used (integer), renewals_allowed (integer).",
      {
        member_id: "30-7719",
        title: "Night Harbour",
        barcode: "0004412983",
        borrowed: "2024-01-08",
        due: "2024-01-29",
        renewals_used: 1,
        renewals_allowed: 3,
      },
      [swap("barcode", "4412983"), swap("due", "2024-01-08")],
    ),
    extract(
      "json-044",
      "utility",
      "Electricity bill for account 8830-1245, billing period 2024-06-01 to 2024-06-30: 312 kWh used at 0.28 per kWh, standing charge 9.60, total 96.96 NZD. Direct debit on 2024-07-15.",
      "account (string), period_start (YYYY-MM-DD), period_end (YYYY-MM-DD), kwh (integer), unit_rate (number), total (number), currency (ISO 4217 code), payment_date (YYYY-MM-DD).",
      {
        account: "8830-1245",
        period_start: "2024-06-01",
        period_end: "2024-06-30",
        kwh: 312,
        unit_rate: 0.28,
        total: 96.96,
        currency: "NZD",
        payment_date: "2024-07-15",
      },
      [swap("total", 87.36), swap("kwh", 0.28), loose()],
    ),
  ],
};
