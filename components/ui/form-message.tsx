import type { ComponentProps, ReactNode } from "react";
import { CircleAlert, CircleCheck } from "lucide-react";
import { cn } from "./cn";

/** The part of a server action's result this banner reads; extra fields (fieldErrors, data) are ignored. */
export type FormResult = {
  ok: boolean;
  error?: string | null;
};

export type FormMessageProps = Omit<ComponentProps<"div">, "children"> & {
  result?: FormResult | null;
  /** Shown when `result.ok`; nothing is shown for success without it. */
  success?: ReactNode;
};

/**
 * Form-level outcome of a submit. The live region is always in the DOM, before any message
 * arrives, so assistive technology announces the message when it does.
 */
export function FormMessage({ result, success, className, ...props }: FormMessageProps) {
  const message = result ? (result.ok ? success : result.error) : null;

  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={className} {...props}>
      {message ? (
        <p
          className={cn(
            "flex items-start gap-2 rounded-md border px-3 py-2.5 text-sm font-medium",
            result?.ok
              ? "border-success/40 bg-success/10 text-success"
              : "border-destructive/40 bg-destructive/10 text-destructive",
          )}
        >
          {result?.ok ? (
            <CircleCheck aria-hidden="true" className="mt-px size-4 shrink-0" />
          ) : (
            <CircleAlert aria-hidden="true" className="mt-px size-4 shrink-0" />
          )}
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
