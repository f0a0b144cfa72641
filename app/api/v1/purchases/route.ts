import { NextResponse } from "next/server";
import { apiError, apiRoute, readJson } from "@/lib/api/api-route";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { apiPurchaseSchema } from "@/lib/validation/api";

/** Records a sale and earns its points. The same Idempotency-Key always gets the first answer. */
export const POST = apiRoute("purchases:write", async (request, { db, caller }) => {
  const idempotencyKey = request.headers.get("idempotency-key")?.trim();
  if (!idempotencyKey || idempotencyKey.length < 8 || idempotencyKey.length > 255) {
    return apiError(
      400,
      "invalid_input",
      "Send a unique 'Idempotency-Key' header (8 to 255 characters) with every purchase",
    );
  }
  const body = await readJson(request, apiPurchaseSchema);
  const result = await recordPurchase(db, {
    merchantId: caller.merchantId,
    memberId: body.memberId,
    amountMinor: body.amountMinor,
    currency: body.currency,
    storeId: body.storeId,
    externalId: body.externalId,
    lines: body.lines,
    occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
    idempotencyKey,
    actor: { type: "api_key", apiKeyId: caller.apiKeyId },
  });
  return NextResponse.json(result, { status: 201 });
});
