"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { Progress as ProgressPrimitive } from "radix-ui";
import { cn } from "./cn";

const indicatorTones = {
  brand: "bg-brand",
  primary: "bg-primary",
  success: "bg-success",
  warning: "bg-warning",
  destructive: "bg-destructive",
} as const;

export type ProgressProps = Omit<ComponentProps<typeof ProgressPrimitive.Root>, "getValueLabel" | "children"> & {
  /** Visible label, also the progress bar's accessible name. Without it pass `aria-label`. */
  label?: ReactNode;
  /**
   * Spoken value, e.g. "1,250 of 2,000 points to Gold"; also shown beside the label. Defaults to
   * Radix's percentage.
   */
  valueText?: string;
  tone?: keyof typeof indicatorTones;
  indicatorClassName?: string;
};

/**
 * A progress bar that fills from the inline start, so it runs right-to-left in Persian. `tone`
 * defaults to the program's brand colour; `indicatorClassName` overrides it entirely.
 */
export function Progress({
  label,
  valueText,
  value,
  max = 100,
  tone = "brand",
  className,
  indicatorClassName,
  ...props
}: ProgressProps) {
  const labelId = useId();
  const hasValue = typeof value === "number";
  const percent = hasValue ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;

  return (
    <div className={cn("grid gap-1.5", className)}>
      {label || valueText ? (
        <div className="flex items-baseline justify-between gap-3 text-sm">
          {label ? (
            <span id={labelId} className="font-medium">
              {label}
            </span>
          ) : null}
          {valueText ? (
            <span aria-hidden="true" className="text-muted-foreground tabular-nums">
              {valueText}
            </span>
          ) : null}
        </div>
      ) : null}
      <ProgressPrimitive.Root
        value={value}
        max={max}
        aria-labelledby={label ? labelId : undefined}
        getValueLabel={valueText ? () => valueText : undefined}
        className="relative h-2.5 w-full overflow-hidden rounded-full bg-muted"
        {...props}
      >
        <ProgressPrimitive.Indicator
          className={cn(
            "h-full rounded-full transition-[width] duration-500 ease-out",
            indicatorTones[tone],
            !hasValue && "w-1/3 animate-pulse",
            indicatorClassName,
          )}
          style={hasValue ? { width: `${percent}%` } : undefined}
        />
      </ProgressPrimitive.Root>
    </div>
  );
}
