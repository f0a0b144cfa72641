import type { ReactNode } from "react";

/** The top of a program builder section: its name, what it holds, its main action. */
export function BuilderSectionHeader(props: { title: string; description: string; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="grid min-w-0 gap-1">
        <h2 className="text-xl font-semibold tracking-tight">{props.title}</h2>
        <p className="max-w-2xl text-sm text-muted-foreground">{props.description}</p>
      </div>
      {props.action ? <div className="flex shrink-0 items-center gap-2">{props.action}</div> : null}
    </div>
  );
}
