import type { ReactNode } from "react";

/** A builder section: its forms, with the member's view beside them on wide screens. */
export function SectionWithPreview({ children, preview }: { children: ReactNode; preview: ReactNode }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="grid min-w-0 gap-6">{children}</div>
      {preview}
    </div>
  );
}

/** One group of settings: a title and a line on what it is for, then its fields. */
export function SettingsGroup(props: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  id?: string;
  action?: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className="rounded-xl border border-border bg-card shadow-xs">
      <div className="flex items-start justify-between gap-4 border-b border-border px-5 py-4">
        <div className="grid gap-1">
          <h2 id={props.id} className="text-base font-semibold">
            {props.title}
          </h2>
          {props.description ? <p className="text-sm text-muted-foreground">{props.description}</p> : null}
        </div>
        {props.action}
      </div>
      <div className="grid min-w-0 gap-4 p-5">{props.children}</div>
    </section>
  );
}
