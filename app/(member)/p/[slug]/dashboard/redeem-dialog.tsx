"use client";

import { useFormatter, useTranslations } from "next-intl";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { MemberDashboard } from "@/lib/members/member-dashboard";
import { calendarDateAsUtc } from "@/lib/time-zone";

export type Voucher = { code: string; expiresAt: string; lastValidDate: string };
type Reward = MemberDashboard["rewards"][number];

/** Asks before spending points, then shows the voucher code and its QR for the counter. */
export function RedeemDialog(props: {
  reward: Reward | null;
  voucher: Voucher | null;
  pending: boolean;
  error: string | null;
  onConfirm: (reward: Reward, idempotencyKey: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("dashboard");
  const format = useFormatter();
  const { reward, voucher } = props;
  return (
    <Dialog open={reward !== null} onOpenChange={(open) => (open ? null : props.onClose())}>
      <DialogContent closeLabel={t("close")}>
        {reward && voucher ? (
          <>
            <DialogHeader>
              <DialogTitle>{reward.name}</DialogTitle>
              <DialogDescription>{t("redeemed")}</DialogDescription>
            </DialogHeader>
            <div className="grid justify-items-center gap-3 py-2">
              <div className="rounded-lg bg-white p-3">
                <QRCodeSVG value={voucher.code} size={168} title={voucher.code} />
              </div>
              <p className="font-mono text-2xl font-semibold tracking-wider" dir="ltr" data-testid="voucher-code">
                {voucher.code}
              </p>
              <p className="text-sm text-muted-foreground">
                {t("voucherExpires", {
                  date: format.dateTime(calendarDateAsUtc(voucher.lastValidDate), {
                    dateStyle: "long",
                    timeZone: "UTC",
                  }),
                })}
              </p>
            </div>
            <DialogFooter>
              <Button onClick={props.onClose}>{t("done")}</Button>
            </DialogFooter>
          </>
        ) : reward ? (
          <ConfirmRedeem
            reward={reward}
            pending={props.pending}
            error={props.error}
            onConfirm={props.onConfirm}
            onClose={props.onClose}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/**
 * The question before spending. It holds one idempotency key for as long as it is shown, so a
 * double press, or pressing again after a network error, spends once; the next confirmation,
 * after the voucher or a cancel, gets a new key.
 */
function ConfirmRedeem(props: {
  reward: Reward;
  pending: boolean;
  error: string | null;
  onConfirm: (reward: Reward, idempotencyKey: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("dashboard");
  const tErrors = useTranslations("errors");
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { reward } = props;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("confirmTitle", { reward: reward.name })}</DialogTitle>
        <DialogDescription>{t("confirmBody", { count: reward.costPoints })}</DialogDescription>
      </DialogHeader>
      <FormMessage
        result={
          props.error
            ? { ok: false, error: tErrors.has(props.error) ? tErrors(props.error as "internal") : tErrors("internal") }
            : null
        }
      />
      <DialogFooter>
        <Button variant="outline" onClick={props.onClose}>
          {t("cancel")}
        </Button>
        <Button variant="brand" pending={props.pending} onClick={() => props.onConfirm(reward, idempotencyKey)}>
          {t("confirmRedeem")}
        </Button>
      </DialogFooter>
    </>
  );
}
