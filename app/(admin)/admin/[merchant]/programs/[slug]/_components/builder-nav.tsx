"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** The builder's sections; the one open is marked for the eye and for assistive technology. */
export function BuilderNav(props: { base: string; label: string; sections: { path: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={props.label} className="-mb-px flex flex-wrap gap-x-1">
      {props.sections.map((section) => {
        const href = section.path ? `${props.base}/${section.path}` : props.base;
        const current = section.path ? pathname.startsWith(href) : pathname === href;
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "shrink-0 rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap focus-ring",
              current
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
            )}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
