"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/actions/action-client";

/** A remove button that asks first, then runs the action and refreshes the page. */
export function RemoveButton(props: {
  /** The item's name, for the button's accessible name. */
  itemName: string;
  question: string;
  remove: () => Promise<ActionState<unknown>>;
}) {
  const t = useTranslations("adminPrograms.catalog.common");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`${t("remove")}: ${props.itemName}`}>
          <Trash2 aria-hidden />
          <span className="max-md:sr-only">{t("remove")}</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogTitle>{t("remove")}</DialogTitle>
        <DialogDescription>{props.question}</DialogDescription>
        <FormMessage result={error ? { ok: false, error } : null} />
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button
            variant="destructive"
            pending={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await props.remove();
                if (!result.ok) {
                  setError(tErrors(result.error));
                  return;
                }
                setOpen(false);
                router.refresh();
              })
            }
          >
            {t("remove")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
