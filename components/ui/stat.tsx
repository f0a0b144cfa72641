import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type StatProps = Omit<ComponentProps<"div">, "children"> & {
  label: ReactNode;
  /** The figure, already formatted for the locale. */
  value: ReactNode;
  hint?: ReactNode;
  /** An icon element beside the label; hidden from assistive technology. */
  icon?: ReactNode;
};

/** A KPI tile. A `dl` so screen readers pair the label with its value. */
export function Stat({ label, value, hint, icon, className, ...props }: StatProps) {
  return (
    <div className={cn("rounded-xl border bg-card p-4 text-card-foreground shadow-xs", className)} {...props}>
      <dl className="flex flex-col gap-1">
        <dt className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          {icon ? (
            <span aria-hidden="true" className="[&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4">
              {icon}
            </span>
          ) : null}
          {label}
        </dt>
        <dd className="text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
        {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
      </dl>
    </div>
  );
}
