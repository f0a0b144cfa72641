"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Direction } from "radix-ui";
import { useState, type ReactNode } from "react";

export function Providers({ dir, children }: { dir: "ltr" | "rtl"; children: ReactNode }) {
  // One client per browser session; created in state so a server render never shares it.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <Direction.Provider dir={dir}>{children}</Direction.Provider>
    </QueryClientProvider>
  );
}
