import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A placeholder block. Hidden from assistive technology: mark the loading region with
 * `aria-busy` and give it a visually hidden status text instead.
 */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
