import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, type ApiKeyScope } from "@/db/schema";
import { randomCode } from "@/lib/codes";

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new key: the full secret is returned once and only its hash is stored. */
export async function createApiKey(
  db: Db,
  input: { merchantId: string; name: string; scopes: ApiKeyScope[]; createdByUserId?: string | null; secret?: string },
) {
  const secret = input.secret ?? `lk_${randomCode(40).toLowerCase()}`;
  const [key] = await db
    .insert(apiKeys)
    .values({
      merchantId: input.merchantId,
      name: input.name,
      prefix: secret.slice(0, 10),
      secretHash: hashApiKey(secret),
      scopes: input.scopes,
      createdByUserId: input.createdByUserId ?? null,
    })
    .returning({ id: apiKeys.id });
  return { id: key!.id, secret };
}

export type ApiCaller = { apiKeyId: string; merchantId: string; scopes: ApiKeyScope[] };

/** The merchant and scopes of a live key, or null for an unknown or revoked one. */
export async function authenticateApiKey(db: Db, secret: string): Promise<ApiCaller | null> {
  const [key] = await db
    .select({ id: apiKeys.id, merchantId: apiKeys.merchantId, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, hashApiKey(secret)), isNull(apiKeys.revokedAt)));
  return key ? { apiKeyId: key.id, merchantId: key.merchantId, scopes: key.scopes } : null;
}
