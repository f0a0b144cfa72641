import type { ComponentProps } from "react";
import { Slot } from "radix-ui";
import { cn } from "./cn";

// Tinted variants keep the text in the full-strength colour, which stays above 4.5:1 on its tint.
const badgeVariantClasses = {
  default: "border-transparent bg-primary text-primary-foreground",
  brand: "border-transparent bg-brand text-brand-foreground",
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "text-foreground",
  success: "border-success/30 bg-success/10 text-success",
  warning: "border-warning/30 bg-warning/10 text-warning",
  destructive: "border-destructive/30 bg-destructive/10 text-destructive",
} as const;

export type BadgeVariant = keyof typeof badgeVariantClasses;

export type BadgeProps = ComponentProps<"span"> & { variant?: BadgeVariant; asChild?: boolean };

export function Badge({ className, variant = "default", asChild = false, ...props }: BadgeProps) {
  const Comp = asChild ? Slot.Root : "span";
  return (
    <Comp
      className={cn(
        "inline-flex w-fit shrink-0 items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap [&_svg]:size-3 [&_svg]:shrink-0",
        badgeVariantClasses[variant],
        className,
      )}
      {...props}
    />
  );
}
