import { z } from "zod";
import { limits } from "@/lib/limits";
import { parseMoney } from "@/lib/money";
import { currencyField, idempotencyKeyField, localeField, moneyField, slugField, uuidField } from "./fields";

export const findMemberSchema = z.object({
  merchantSlug: slugField,
  query: z.string().trim().min(1, { error: "required" }).max(254, { error: "tooLong" }),
});

/**
 * A sale keyed in at the counter. The form sends the currency it showed and the locale it was
 * typed in, so the amount is read here, in minor units, and held to the bound of one sale.
 */
export const recordCounterPurchaseSchema = z
  .object({
    merchantSlug: slugField,
    memberId: uuidField,
    amount: moneyField,
    currency: currencyField,
    locale: localeField,
    idempotencyKey: idempotencyKeyField,
  })
  .transform(({ amount, locale, ...sale }, ctx) => {
    const amountMinor = parseMoney(amount, { currency: sale.currency, locale });
    if (amountMinor === null || amountMinor <= 0) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "amount", input: amount });
      return z.NEVER;
    }
    if (amountMinor > limits.maxAmountMinor) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "amountTooLarge", input: amount });
      return z.NEVER;
    }
    return { ...sale, amountMinor };
  });
