import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/member/site-header";
import { buttonVariants } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto grid max-w-lg gap-4 px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="text-muted-foreground">{t("notFoundBody")}</p>
        <Link href="/" className={buttonVariants({ variant: "outline", className: "justify-self-center" })}>
          {t("backHome")}
        </Link>
      </main>
    </>
  );
}
