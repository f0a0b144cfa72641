import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";
import { merchantIdColumn } from "./merchants";
import { users } from "./auth";
import { actorTypeEnum } from "./ledger";

export const apiKeyScopes = [
  "members:read",
  "members:write",
  "purchases:write",
  "rewards:read",
  "rewards:write",
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** Shown once at creation; only a SHA-256 of the secret is kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    name: text("name").notNull(),
    /** The first characters of the key, shown in the admin so staff can tell keys apart. */
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    scopes: text("scopes").array().$type<ApiKeyScope[]>().notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [index("api_keys_merchant_idx").on(t.merchantId)],
);

export const webhookEvents = [
  "member.joined",
  "points.earned",
  "points.redeemed",
  "points.expired",
  "tier.changed",
  "badge.awarded",
  "reward.redeemed",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** No code uses it yet: webhooks are built by issue 13. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: merchantIdColumn(),
  url: text("url").notNull(),
  /** Signs each delivery with HMAC-SHA256 so the receiver can check it came from us. */
  secret: text("secret").notNull(),
  events: text("events").array().$type<WebhookEvent[]>().notNull(),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: createdAtColumn(),
});

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", webhookDeliveryStatuses);

/**
 * The outbox: written in the transaction that caused the event, delivered by a sweep.
 * No code uses it yet: webhooks are built by issue 13.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull().defaultRandom(),
    eventType: text("event_type").$type<WebhookEvent>().notNull(),
    payload: jsonb("payload").notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    check("webhook_deliveries_attempts", sql`${t.attempts} >= 0`),
  ],
);

/** Every staff and API action, for the merchant's audit log. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (t) => [index("audit_log_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
