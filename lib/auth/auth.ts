import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { signInSchema } from "@/lib/validation/auth";
import { clientAddress, trustedProxyCount } from "./client-address";
import { authSecret } from "./secret";
import { verifyCredentials } from "./verify-credentials";

class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

// Sessions are signed JWT cookies holding only the user id: app servers stay stateless, and
// roles are read from the database on every request by the data access layer.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an answer to the user, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || error.name === "RateLimitedSignIn") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await verifyCredentials(await getDb(), {
          email: parsed.data.email,
          password: parsed.data.password,
          ipAddress: clientAddress(request.headers, trustedProxyCount()),
        });
        if (!result.ok) {
          if (result.reason === "rate_limited") throw new RateLimitedSignIn();
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
