import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/dal/pages";
import { CounterScreen } from "./counter-screen";

export async function generateMetadata() {
  return { title: (await getTranslations("counter"))("title") };
}

export default async function CounterPage({ params }: { params: Promise<{ merchant: string }> }) {
  const { merchant } = await requireStaff((await params).merchant, "counter");
  const t = await getTranslations("counter");
  return (
    <div className="grid grid-cols-1 gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <CounterScreen merchantSlug={merchant.slug} />
    </div>
  );
}
