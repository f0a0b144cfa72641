import { Gift, Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BuilderSectionHeader } from "@/components/admin/builder-section-header";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { rewardKinds } from "@/db/schema";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import { loadBuilderOptions } from "@/lib/programs/builder-options";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { localFromInstant } from "@/lib/programs/local-date-time";
import { listProgramRewards } from "@/lib/rewards/list-program-rewards";
import { RewardEditor, type RewardFormValues } from "./_components/reward-editor";
import { RewardList } from "./_components/reward-list";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.catalog.rewards"))("title") };
}

/** The program's catalog: the list, or, with `?new` or `?edit=<id>`, the reward editor. */
export default async function RewardsPage(props: {
  params: Promise<{ merchant: string; slug: string }>;
  searchParams: Promise<{ new?: string; edit?: string }>;
}) {
  const [{ merchant: merchantSlug, slug }, search] = await Promise.all([props.params, props.searchParams]);
  const { merchant } = await requireStaff(merchantSlug, "manageProgram");
  const db = await getDb();
  const program = await findMerchantProgram(db, { merchantId: merchant.id, slug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const ref = { merchantId: merchant.id, programId: program.id };
  const [rewards, options, t] = await Promise.all([
    listProgramRewards(db, ref),
    loadBuilderOptions(db, ref),
    getTranslations("adminPrograms.catalog.rewards"),
  ]);
  const listHref = `/admin/${merchant.slug}/programs/${program.slug}/rewards`;
  const editing = search.edit ? rewards.find((reward) => reward.id === search.edit) : undefined;
  if (search.edit && !editing) notFound();

  if (editing || search.new !== undefined) {
    const local = (instant: Date | null) => (instant ? localFromInstant(instant, program.timeZone) : "");
    const values: RewardFormValues | null = editing
      ? {
          ...editing,
          availableFrom: local(editing.availableFrom),
          availableUntil: local(editing.availableUntil),
        }
      : null;
    return (
      <RewardEditor
        merchantSlug={merchant.slug}
        program={{
          slug: program.slug,
          name: program.name,
          currency: program.currency,
          timeZone: program.timeZone,
          defaultLocale: program.defaultLocale,
        }}
        reward={values}
        options={options}
        listHref={listHref}
        kinds={rewardKinds}
      />
    );
  }

  return (
    <div className="grid grid-cols-1 gap-6">
      <BuilderSectionHeader
        title={t("title")}
        description={t("description")}
        action={
          rewards.length > 0 ? (
            <Link href={`${listHref}?new`} className={buttonVariants()}>
              <Plus aria-hidden />
              {t("add")}
            </Link>
          ) : null
        }
      />
      {rewards.length === 0 ? (
        <EmptyState
          icon={<Gift />}
          title={t("empty")}
          description={t("emptyBody")}
          titleAs="h3"
          className="bg-card"
          action={
            <Link href={`${listHref}?new`} className={buttonVariants()}>
              <Plus aria-hidden />
              {t("add")}
            </Link>
          }
        />
      ) : (
        <RewardList
          merchantSlug={merchant.slug}
          currency={program.currency}
          listHref={listHref}
          tiers={options.tiers}
          rewards={rewards.map((reward) => ({
            id: reward.id,
            name: reward.name,
            kind: reward.kind,
            status: reward.status,
            costPoints: reward.costPoints,
            value: reward.value,
            imageUrl: reward.imageUrl,
            stock: reward.stock,
            minTierKey: reward.minTierKey,
          }))}
        />
      )}
    </div>
  );
}
