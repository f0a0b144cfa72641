import { describe, expect, it } from "vitest";
import { z } from "zod";
import { programRolloutFormSchema, ruleFormSchema, tierFormSchema } from "./program-forms";

const ref = { merchantSlug: "northwind", programSlug: "northwind-rewards", currency: "EUR", locale: "en" };

function fieldErrors(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
}

describe("the builder's rule form", () => {
  it("reads what was typed into a rule: multiplier in percent, amounts in minor units, days and stores", () => {
    const parsed = ruleFormSchema.parse({
      ...ref,
      name: "Weekend pastries",
      kind: "campaign",
      multiplier: "1.5",
      points: "",
      categories: "bakery, drinks",
      minimumSpend: "5.00",
      days: "0,6",
      storeIds: "",
      startsOn: "2026-06-01",
      rolloutPercent: "25",
    });
    expect(parsed.rule).toMatchObject({
      key: null,
      kind: "campaign",
      multiplier: 150,
      points: null,
      rolloutPercent: 25,
      conditions: { categories: ["bakery", "drinks"], minimumSpendMinor: 500, daysOfWeek: [0, 6] },
    });
    expect(parsed.startsOn).toBe("2026-06-01");
  });

  it("puts each problem on the field it belongs to", () => {
    expect(fieldErrors(ruleFormSchema, { ...ref, name: "x", kind: "campaign", multiplier: "-2" })).toEqual({
      multiplier: ["multiplierTooSmall"],
    });
    expect(
      fieldErrors(ruleFormSchema, { ...ref, name: "x", kind: "campaign", points: "ten", minimumSpend: "1,2,3" }),
    ).toEqual({ points: ["invalid"], minimumSpend: ["amount"] });
  });
});

describe("the builder's tier form", () => {
  it("reads a paid tier with its translations, and wants a period with a price", () => {
    const parsed = tierFormSchema.parse({
      ...ref,
      basis: "spend",
      name: "Club",
      rank: "3",
      threshold: "100.00",
      earnMultiplier: "2",
      perks: "Free delivery\nEarly access",
      paid: "on",
      price: "49.00",
      periodMonths: "12",
      name_lv: "Klubs",
      perks_lv: "Bezmaksas piegāde",
    });
    expect(parsed.tier).toMatchObject({
      rank: 3,
      threshold: 10_000,
      earnMultiplierPercent: 200,
      perks: ["Free delivery", "Early access"],
      priceMinor: 4_900,
      periodMonths: 12,
      translations: { lv: { name: "Klubs", perks: ["Bezmaksas piegāde"] } },
    });
    expect(fieldErrors(tierFormSchema, { ...ref, basis: "points", name: "Gold", rank: "", threshold: "x" })).toEqual({
      threshold: ["invalid"],
      rank: ["required"],
    });
  });
});

describe("the builder's pilot form", () => {
  const pilotRef = { merchantSlug: "northwind", programSlug: "northwind-rewards" };

  it("reads a share and the ticked stores; nothing typed is everyone at every store", () => {
    const store = "00000000-0000-4000-8000-000000000001";
    expect(programRolloutFormSchema.parse({ ...pilotRef, rolloutPercent: "10", rolloutStoreIds: store })).toEqual({
      ...pilotRef,
      rollout: { rolloutPercent: 10, rolloutStoreIds: [store] },
    });
    expect(programRolloutFormSchema.parse({ ...pilotRef, rolloutPercent: "", rolloutStoreIds: "" }).rollout).toEqual({
      rolloutPercent: 100,
      rolloutStoreIds: [],
    });
  });

  it("refuses a share that is not a whole number on its field", () => {
    expect(fieldErrors(programRolloutFormSchema, { ...pilotRef, rolloutPercent: "ten" })).toHaveProperty(
      "rolloutPercent",
    );
  });
});
