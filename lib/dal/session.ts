import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { auth } from "@/lib/auth/auth";
import type { PublicUser } from "@/lib/auth/register-user";

/** The signed-in user, re-read from the database so a deleted account is signed out at once. */
export const getSessionUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
});
