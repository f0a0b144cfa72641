import { useId, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { Slot } from "radix-ui";
import { Input } from "./input";
import { Label } from "./label";

export type FormFieldProps = Omit<ComponentProps<"input">, "id" | "name" | "children"> & {
  label: ReactNode;
  name: string;
  /** Messages from validation, e.g. zod `fieldErrors[name]`. */
  error?: string | string[];
  hint?: ReactNode;
  /** Styles the field's wrapper; put control styles on a child control. */
  className?: string;
  /** The control's id; give it here rather than on a child so the label stays attached. */
  id?: string;
  /**
   * A single control (select, textarea, custom input) to use instead of the default Input. It
   * receives id, name, aria-invalid and aria-describedby, plus any remaining props.
   */
  children?: ReactElement;
};

/**
 * A labelled control with its hint and validation messages. The message container is always
 * rendered so screen readers announce errors that appear after a submit.
 */
export function FormField({
  label,
  name,
  error,
  hint,
  id,
  className,
  children,
  required,
  ...controlProps
}: FormFieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;

  const errors = (Array.isArray(error) ? error : [error]).filter((message): message is string => Boolean(message));
  const invalid = errors.length > 0;
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;

  const sharedControlProps = {
    id: controlId,
    name,
    required,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
  };

  return (
    <div className={className}>
      <div className="grid gap-2">
        <Label htmlFor={controlId}>
          {label}
          {required ? (
            <span aria-hidden="true" className="ms-0.5 text-destructive">
              *
            </span>
          ) : null}
        </Label>
        {children ? (
          <Slot.Root {...sharedControlProps} {...controlProps}>
            {children}
          </Slot.Root>
        ) : (
          <Input {...sharedControlProps} {...controlProps} />
        )}
        {hint ? (
          <p id={hintId} className="text-sm text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
      <div id={errorId} aria-live="polite" className="text-sm font-medium text-destructive">
        {errors.length === 1 ? <p className="mt-2">{errors[0]}</p> : null}
        {errors.length > 1 ? (
          <ul className="mt-2 list-disc space-y-1 ps-5">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
