import type { ComponentProps } from "react";
import { cn } from "./cn";
import { textControlClasses } from "./input";

export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea rows={rows} className={cn(textControlClasses, "min-h-20 py-2 leading-relaxed", className)} {...props} />
  );
}
