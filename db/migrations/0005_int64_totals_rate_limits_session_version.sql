CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	"strikes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "point_entries" ALTER COLUMN "points" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "point_entries" ALTER COLUMN "balance_after" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "point_entries" ALTER COLUMN "shortfall" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "point_lots" ALTER COLUMN "remaining" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "amount_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "paid_with_points_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "refunded_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "member_challenges" ALTER COLUMN "progress" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "member_qualifications" ALTER COLUMN "points" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "member_qualifications" ALTER COLUMN "spend_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "member_subscriptions" ALTER COLUMN "amount_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "points_balance" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "lifetime_points" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "lifetime_spend_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "badges" ALTER COLUMN "target" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "badges" ALTER COLUMN "target" SET DEFAULT 1;--> statement-breakpoint
ALTER TABLE "challenges" ALTER COLUMN "target" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "tiers" ALTER COLUMN "threshold" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "tiers" ALTER COLUMN "price_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "redemptions" ALTER COLUMN "points_spent" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rewards" ALTER COLUMN "cost_points" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rewards" ALTER COLUMN "value" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;