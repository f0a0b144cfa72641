import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Database } from "@/db";
import { AppError } from "@/lib/errors";
import { createTestDatabase } from "@/lib/testing/test-database";

let database: Database;
// No session and no next-auth: these actions are public, and the session module pulls in Next.
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => null }));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
const { publicAction } = await import("./action-client");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

function signInForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const schema = z.object({
  email: z.email({ error: "email" }),
  password: z.string().min(8, { error: "passwordTooShort" }),
});

// React resets a form after its action runs: a failure must hand back what was typed, so the
// form can show it again, but never a password.
describe("a failed action gives the form back what it sent", () => {
  it("after a refusal by the domain", async () => {
    const action = publicAction(schema, async () => {
      throw new AppError("invalid_credentials", "Wrong e-mail or password");
    });
    const result = await action(
      signInForm({ email: "sam@example.test", password: "wrong password", $ACTION_ID_abc: "" }),
    );
    expect(result).toEqual({ ok: false, error: "invalid_credentials", values: { email: "sam@example.test" } });
  });

  it("after a field error, with every field but the password", async () => {
    const action = publicAction(schema.extend({ newPassword: z.string() }), async () => "never");
    const result = await action(signInForm({ email: "not an address", password: "short", newPassword: "x" }));
    expect(result).toMatchObject({ ok: false, error: "invalid_input", values: { email: "not an address" } });
    expect(result.ok === false && result.fieldErrors).toMatchObject({
      email: ["email"],
      password: ["passwordTooShort"],
    });
  });

  it("and nothing for a call that sent no form", async () => {
    const action = publicAction(schema, async () => "never");
    const result = await action({ email: "x", password: "y" });
    expect(result.ok === false && result.values).toBeUndefined();
  });
});
