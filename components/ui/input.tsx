import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * Classes shared by every text-entry control so inputs and textareas look alike. text-base below
 * md keeps iOS Safari from zooming into the field on focus.
 */
export const textControlClasses = cn(
  "focus-ring w-full min-w-0 rounded-md border border-input bg-background px-3 text-base text-foreground transition-colors md:text-sm",
  "placeholder:text-muted-foreground",
  "disabled:cursor-not-allowed disabled:opacity-50",
  "aria-invalid:border-destructive aria-invalid:[--focus-ring-color:var(--color-destructive)]",
);

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(
        textControlClasses,
        "h-11 py-2",
        "file:me-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}
