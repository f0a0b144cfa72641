import { queryOptions } from "@tanstack/react-query";
import type { MemberDashboard } from "@/lib/members/member-dashboard";
import { getDashboardAction } from "../actions";

/** The member's dashboard, refetched after anything that changes the balance. */
export function dashboardQuery(programSlug: string, initialData?: MemberDashboard) {
  return queryOptions({
    queryKey: ["member-dashboard", programSlug],
    queryFn: async () => {
      const result = await getDashboardAction({ programSlug });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData,
  });
}
