ALTER TYPE "public"."earning_rule_kind" ADD VALUE 'gift';--> statement-breakpoint
CREATE TABLE "program_content" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"url" text,
	"min_tier_key" text,
	"available_from" timestamp with time zone,
	"available_until" timestamp with time zone,
	"position" integer DEFAULT 0 NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_content_window" CHECK ("program_content"."available_from" IS NULL OR "program_content"."available_until" IS NULL OR "program_content"."available_from" < "program_content"."available_until")
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "currency" text DEFAULT 'EUR' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "default_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "brand_color" text DEFAULT '#4f46e5' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "earning_rules" ADD COLUMN "gift_reward_id" uuid;--> statement-breakpoint
ALTER TABLE "earning_rules" ADD COLUMN "rollout_percent" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "earning_rules" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "rollout_store_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tiers" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "rollout_percent" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "rollout_store_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "program_content" ADD CONSTRAINT "program_content_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_content" ADD CONSTRAINT "program_content_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_content_program_idx" ON "program_content" USING btree ("program_id","position");--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_currency_format" CHECK ("merchants"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_brand_color_format" CHECK ("merchants"."brand_color" ~ '^#[0-9a-f]{6}$');--> statement-breakpoint
ALTER TABLE "earning_rules" ADD CONSTRAINT "earning_rules_rollout_percent" CHECK ("earning_rules"."rollout_percent" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_brand_color_format" CHECK ("programs"."brand_color" ~ '^#[0-9a-f]{6}$');--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_rollout_percent" CHECK ("rewards"."rollout_percent" BETWEEN 0 AND 100);--> statement-breakpoint
-- A merchant's defaults start as those of its first program.
UPDATE "merchants" SET "currency" = p."currency", "time_zone" = p."time_zone", "default_locale" = p."default_locale",
  "brand_color" = p."brand_color", "logo_url" = p."logo_url"
FROM (SELECT DISTINCT ON ("merchant_id") * FROM "programs" ORDER BY "merchant_id", "created_at") AS p
WHERE p."merchant_id" = "merchants"."id";
