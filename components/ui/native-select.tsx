import type { ComponentProps } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { textControlClasses } from "./input";

/**
 * The browser's own select, styled like an input: keyboard, screen readers and mobile pickers
 * work as people expect, and it posts with its form.
 */
export function NativeSelect({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <div className={cn("relative", className)}>
      <select className={cn(textControlClasses, "h-11 cursor-pointer appearance-none py-2 pe-9")} {...props}>
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
