import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DraftNotice } from "@/components/admin/draft-notice";
import { getDb } from "@/db";
import { badgeCriteria } from "@/db/schema";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { listDraftEngagement } from "@/lib/programs/list-draft-engagement";
import { localFromInstant } from "@/lib/programs/local-date-time";
import { ChallengesSection } from "./_components/challenges-section";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.catalog.challenges"))("title") };
}

export default async function ChallengesPage(props: { params: Promise<{ merchant: string; slug: string }> }) {
  const { merchant: merchantSlug, slug } = await props.params;
  const { merchant } = await requireStaff(merchantSlug, "manageProgram");
  const db = await getDb();
  const program = await findMerchantProgram(db, { merchantId: merchant.id, slug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const [engagement, format] = await Promise.all([
    listDraftEngagement(db, { merchantId: merchant.id, programId: program.id }),
    getFormatter(),
  ]);
  const shown = (instant: Date) =>
    format.dateTime(instant, { timeZone: program.timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <ChallengesSection
      merchantSlug={merchant.slug}
      program={{
        slug: program.slug,
        name: program.name,
        defaultLocale: program.defaultLocale,
        timeZone: program.timeZone,
      }}
      badges={engagement.badges.map((badge) => ({ key: badge.key, name: badge.name }))}
      challenges={engagement.challenges.map((challenge) => ({
        key: challenge.key,
        name: challenge.name,
        description: challenge.description,
        criterion: challenge.criterion,
        target: challenge.target,
        startsAt: localFromInstant(challenge.startsAt, program.timeZone),
        endsAt: localFromInstant(challenge.endsAt, program.timeZone),
        windowText: `${shown(challenge.startsAt)} – ${shown(challenge.endsAt)}`,
        prizePoints: challenge.prizePoints,
        prizeBadgeKey: challenge.prizeBadgeKey,
        requiresOptIn: challenge.requiresOptIn,
        translations: challenge.translations,
      }))}
      notice={<DraftNotice version={engagement.version} />}
      criteria={badgeCriteria}
    />
  );
}
