import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/admin-shell";
import { requireStaff } from "@/lib/dal/pages";

// The frame only; every page below checks its own permission, as every action does.
export default async function MerchantAdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ merchant: string }>;
}) {
  const access = await requireStaff((await params).merchant, "counter");
  return (
    <AdminShell merchant={access.merchant} role={access.role} email={access.user.email}>
      {children}
    </AdminShell>
  );
}
