import type { ComponentProps } from "react";
import { Slot } from "radix-ui";
import { Loader2 } from "lucide-react";
import { cn } from "./cn";

const buttonVariantClasses = {
  default: "bg-primary text-primary-foreground hover:bg-primary/90",
  // Alias of `default` for call sites that name the intent.
  primary: "bg-primary text-primary-foreground hover:bg-primary/90",
  brand: "bg-brand text-brand-foreground hover:bg-brand/90 [--focus-ring-color:var(--brand)]",
  secondary: "bg-secondary text-secondary-foreground hover:bg-secondary/80",
  outline: "border border-input bg-background hover:bg-accent hover:text-accent-foreground",
  ghost: "hover:bg-accent hover:text-accent-foreground",
  destructive:
    "bg-destructive text-destructive-foreground hover:bg-destructive/90 [--focus-ring-color:var(--color-destructive)]",
  link: "text-primary underline-offset-4 hover:underline",
} as const;

// `default`, `lg` and `icon` are at least 44px for touch; `sm` and `icon-sm` are for dense staff screens only.
const buttonSizeClasses = {
  sm: "h-9 px-3 text-sm",
  default: "h-11 px-4 text-sm",
  lg: "h-12 px-6 text-base",
  icon: "size-11",
  "icon-sm": "size-8",
} as const;

export type ButtonVariant = keyof typeof buttonVariantClasses;
export type ButtonSize = keyof typeof buttonSizeClasses;

type ButtonStyleOptions = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

/** The button look for elements that cannot use `<Button asChild>`. */
export function buttonVariants({ variant = "default", size = "default", className }: ButtonStyleOptions = {}) {
  return cn(
    "focus-ring inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors select-none",
    "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50",
    "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
    buttonVariantClasses[variant],
    buttonSizeClasses[size],
    className,
  );
}

type ButtonOwnProps = Omit<ButtonStyleOptions, "className">;

/**
 * `pending` cannot be combined with `asChild`: a slotted link has no disabled state and no room
 * for the spinner.
 */
export type ButtonProps = ComponentProps<"button"> &
  ButtonOwnProps &
  ({ asChild: true; pending?: never } | { asChild?: false; pending?: boolean });

export function Button({
  className,
  variant,
  size,
  asChild = false,
  pending = false,
  disabled,
  children,
  ...props
}: ButtonProps) {
  const classes = buttonVariants({ variant, size, className });

  if (asChild) {
    return (
      <Slot.Root className={classes} {...props}>
        {children}
      </Slot.Root>
    );
  }

  return (
    <button className={classes} disabled={disabled || pending} aria-busy={pending || undefined} {...props}>
      {pending ? <Loader2 aria-hidden="true" className="animate-spin" /> : null}
      {children}
    </button>
  );
}
