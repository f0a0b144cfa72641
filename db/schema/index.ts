export * from "./auth";
export * from "./engagement";
export * from "./integrations";
export * from "./ledger";
export * from "./members";
export * from "./merchants";
export * from "./programs";
export * from "./rewards";
