import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { badgeCriteria } from "@/db/schema";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { listDraftEngagement } from "@/lib/programs/list-draft-engagement";
import { DraftNotice } from "@/components/admin/draft-notice";
import { BadgesSection } from "./_components/badges-section";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.catalog.badges"))("title") };
}

export default async function BadgesPage(props: { params: Promise<{ merchant: string; slug: string }> }) {
  const { merchant: merchantSlug, slug } = await props.params;
  const { merchant } = await requireStaff(merchantSlug, "manageProgram");
  const db = await getDb();
  const program = await findMerchantProgram(db, { merchantId: merchant.id, slug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const engagement = await listDraftEngagement(db, { merchantId: merchant.id, programId: program.id });
  return (
    <BadgesSection
      merchantSlug={merchant.slug}
      program={{ slug: program.slug, name: program.name, defaultLocale: program.defaultLocale }}
      badges={engagement.badges.map((badge) => ({
        key: badge.key,
        name: badge.name,
        description: badge.description,
        icon: badge.icon,
        criterion: badge.criterion,
        target: badge.target,
        translations: badge.translations,
      }))}
      notice={<DraftNotice version={engagement.version} />}
      criteria={badgeCriteria}
    />
  );
}
