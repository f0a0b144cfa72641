"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Direction } from "radix-ui";
import { useState, type ReactNode } from "react";

// Radix's scroll lock adds <style> elements, which the CSP lets in only with this page's nonce.
// Its style helper reads the nonce from this global; the page's own scripts carry the nonce.
function shareStyleNonce() {
  if (typeof document === "undefined") return;
  const scope = globalThis as { __webpack_nonce__?: string };
  scope.__webpack_nonce__ ??= document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

export function Providers({ dir, children }: { dir: "ltr" | "rtl"; children: ReactNode }) {
  shareStyleNonce();
  // One client per browser session; created in state so a server render never shares it.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <Direction.Provider dir={dir}>{children}</Direction.Provider>
    </QueryClientProvider>
  );
}
