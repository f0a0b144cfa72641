ALTER TABLE "point_entries" ADD COLUMN "award_key" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_reviewed_period" date;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_member_award_key" ON "point_entries" USING btree ("member_id","award_key") WHERE "point_entries"."award_key" IS NOT NULL;