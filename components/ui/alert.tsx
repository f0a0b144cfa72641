import type { ComponentProps, ReactNode } from "react";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "./cn";

const alertVariants = {
  info: { classes: "border-border bg-card text-card-foreground [&>svg]:text-primary", Icon: Info },
  success: { classes: "border-success/40 bg-success/10 text-foreground [&>svg]:text-success", Icon: CircleCheck },
  warning: { classes: "border-warning/40 bg-warning/10 text-foreground [&>svg]:text-warning", Icon: TriangleAlert },
  destructive: {
    classes: "border-destructive/40 bg-destructive/10 text-foreground [&>svg]:text-destructive",
    Icon: CircleAlert,
  },
} as const;

export type AlertVariant = keyof typeof alertVariants;

export type AlertProps = ComponentProps<"div"> & {
  variant?: AlertVariant;
  /** Replaces the variant's icon; `null` shows none. */
  icon?: ReactNode;
};

/**
 * A static, inline message. Only destructive alerts get role="alert" (announced immediately);
 * the others are role="status". Pass `role` to change that.
 */
export function Alert({ className, variant = "info", icon, role, children, ...props }: AlertProps) {
  const { classes, Icon } = alertVariants[variant];
  const iconNode = icon === undefined ? <Icon aria-hidden="true" /> : icon;

  return (
    <div
      role={role ?? (variant === "destructive" ? "alert" : "status")}
      className={cn(
        "relative grid w-full grid-cols-[0_1fr] items-start gap-y-1 rounded-lg border px-4 py-3 text-sm",
        "has-[>svg]:grid-cols-[--spacing(4)_1fr] has-[>svg]:gap-x-3 [&>svg]:size-4 [&>svg]:translate-y-0.5",
        classes,
        className,
      )}
      {...props}
    >
      {iconNode}
      {children}
    </div>
  );
}

export function AlertTitle({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("col-start-2 leading-tight font-semibold", className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("col-start-2 text-muted-foreground [&_p]:leading-relaxed", className)} {...props} />;
}
