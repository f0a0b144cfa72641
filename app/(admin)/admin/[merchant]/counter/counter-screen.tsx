"use client";

import { CheckCircle2, Search, UserRound } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/actions/action-client";
import type { PurchaseResult } from "@/lib/purchases/record-purchase";
import type { CounterMember } from "@/lib/members/find-members";
import { exampleAmount, zeroAmount } from "@/lib/money";
import { findMembersAction, recordPurchaseAction } from "./actions";

/** Find a member, key in what they paid, and show what it earned. */
export function CounterScreen({ merchantSlug }: { merchantSlug: string }) {
  const [member, setMember] = useState<CounterMember | null>(null);
  // Each sale gets a fresh form, and with it a fresh idempotency key.
  const [sale, setSale] = useState(0);
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <MemberSearch merchantSlug={merchantSlug} selectedId={member?.id ?? null} onSelect={setMember} />
      {member ? (
        <PurchaseForm
          key={`${member.id}:${sale}`}
          merchantSlug={merchantSlug}
          member={member}
          onUpdate={setMember}
          onNext={() => setSale((n) => n + 1)}
        />
      ) : null}
    </div>
  );
}

function MemberSearch(props: {
  merchantSlug: string;
  selectedId: string | null;
  onSelect: (member: CounterMember) => void;
}) {
  const t = useTranslations("counter");
  const [query, setQuery] = useState("");
  const [state, search, pending] = useActionState(async (_: unknown, form: FormData) => {
    const result = await findMembersAction(form);
    if (result.ok && result.data.length === 1) props.onSelect(result.data[0]!);
    return result;
  }, null);
  const { formResult, fieldError } = useActionMessages(state, ["query"]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("findMember")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form action={search} className="flex items-end gap-2" role="search">
          <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
          <FormField
            className="flex-1"
            label={t("query")}
            name="query"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            autoFocus
            error={fieldError("query")}
          />
          <Button type="submit" pending={pending}>
            <Search aria-hidden />
            {t("search")}
          </Button>
        </form>
        <FormMessage result={formResult} />
        {state?.ok && state.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noMatch", { query })}</p>
        ) : null}
        {state?.ok && state.data.length > 0 ? (
          <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("findMember")}>
            {state.data.map((member) => (
              <li key={member.id} className="flex items-center justify-between gap-3 p-3">
                <div className="min-w-0">
                  <p className="truncate font-medium">{member.name ?? member.email}</p>
                  <p className="truncate text-xs text-muted-foreground" dir="ltr">
                    {member.memberNumber} · {member.email}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant={member.id === props.selectedId ? "secondary" : "outline"}
                  aria-pressed={member.id === props.selectedId}
                  onClick={() => props.onSelect(member)}
                >
                  {t("select")}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}

function PurchaseForm(props: {
  merchantSlug: string;
  member: CounterMember;
  onUpdate: (member: CounterMember) => void;
  onNext: () => void;
}) {
  const t = useTranslations("counter");
  const tVersion = useTranslations("adminPrograms.counter");
  const format = useFormatter();
  const locale = useLocale();
  const { member } = props;
  // Kept across a refused submit, so the cashier corrects what they typed rather than retyping it.
  const [amount, setAmount] = useState("");
  // One key per sale: pressing the button twice, or a retry after a network error, earns once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [state, submit, pending] = useActionState<ActionState<PurchaseResult> | null, FormData>(async (_, form) => {
    const result = await recordPurchaseAction(form);
    if (result.ok) props.onUpdate({ ...member, pointsBalance: result.data.balance, tierKey: result.data.tierKey });
    return result;
  }, null);
  const { formResult, fieldError } = useActionMessages(state, ["amount"]);
  const done = state?.ok ? state.data : null;

  return (
    <Card>
      <CardHeader>
        <CardDescription className="flex items-center gap-2">
          <UserRound aria-hidden className="size-4" />
          {t("selected")}
        </CardDescription>
        <CardTitle data-testid="counter-member-name">{member.name ?? member.email}</CardTitle>
        <dl className="grid grid-cols-2 gap-2 pt-2 text-sm">
          <div>
            <dt className="text-muted-foreground">{t("balance")}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="counter-balance">
              {format.number(member.pointsBalance)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">{t("tier")}</dt>
            <dd className="text-lg font-semibold capitalize">{member.tierKey ?? "—"}</dd>
          </div>
        </dl>
      </CardHeader>
      <CardContent className="grid gap-4">
        {done ? (
          <div className="grid gap-3" role="status">
            <p className="flex items-center gap-2 text-xl font-semibold text-success" data-testid="points-earned">
              <CheckCircle2 aria-hidden className="size-6" />
              {t("earned", { points: done.pointsEarned })}
            </p>
            <p className="text-muted-foreground">{t("newBalance", { count: done.balance })}</p>
            {done.programVersion ? (
              <p className="text-sm text-muted-foreground" data-testid="points-version">
                {tVersion("underVersion", { number: done.programVersion })}
              </p>
            ) : null}
            <Button variant="outline" onClick={props.onNext}>
              {t("newPurchase")}
            </Button>
          </div>
        ) : (
          <form action={submit} className="grid gap-4" noValidate>
            <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
            <input type="hidden" name="memberId" value={member.id} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <input type="hidden" name="currency" value={member.currency} />
            <input type="hidden" name="locale" value={locale} />
            <FormField
              label={t("amount", { currency: member.currency })}
              name="amount"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              inputMode="decimal"
              autoComplete="off"
              placeholder={zeroAmount(member.currency, locale)}
              hint={t("amountHint", { example: exampleAmount(member.currency, locale) })}
              dir="ltr"
              required
              error={fieldError("amount")}
            />
            <FormMessage result={formResult} />
            <Button type="submit" size="lg" pending={pending}>
              {t("recordPurchase")}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
