import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";

// A signed-in person whose role does not allow the page (a cashier on the program builder).
export default async function Forbidden() {
  const [t, tErrors] = await Promise.all([getTranslations("common"), getTranslations("errors")]);
  return (
    <main id="main" className="mx-auto grid max-w-lg gap-4 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{tErrors("forbidden")}</h1>
      <Link href="/" className={buttonVariants({ variant: "outline", className: "justify-self-center" })}>
        {t("backHome")}
      </Link>
    </main>
  );
}
