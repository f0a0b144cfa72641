import type { ComponentProps } from "react";
import { cn } from "./cn";
import { textControlClasses } from "./input";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(textControlClasses, "field-sizing-content min-h-24 py-2", className)} {...props} />;
}
