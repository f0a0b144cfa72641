import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = Omit<ComponentProps<"div">, "title"> & {
  /** An icon element, e.g. `<Gift />`; it is hidden from assistive technology. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** A call to action, e.g. a Button. */
  action?: ReactNode;
  /** Heading element for the title, to fit the page's outline. */
  titleAs?: "h2" | "h3" | "h4" | "p";
};

export function EmptyState({
  icon,
  title,
  description,
  action,
  titleAs: Title = "h3",
  className,
  ...props
}: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center",
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg:not([class*='size-'])]:size-6"
        >
          {icon}
        </div>
      ) : null}
      <div className="flex max-w-sm flex-col gap-1">
        <Title className="text-base font-semibold">{title}</Title>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
