import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { signInSchema } from "@/lib/validation/auth";
import { clientAddress, trustedProxyCount } from "./client-address";
import { endSessions } from "./end-sessions";
import { authSecret } from "./secret";
import { currentSessionVersion } from "./session-claims";
import { verifyCredentials } from "./verify-credentials";

class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

// Sessions are signed JWT cookies holding the user id and session version: app servers stay
// stateless, and the data access layer re-reads the user, the version and the roles on every request.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an answer to the user, not a server error worth a stack trace.
    // (By class, not by name: the production build minifies class names.)
    error(error) {
      if (error instanceof CredentialsSignin) return;
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
    async jwt({ token, user }) {
      // `user` is only given at sign-in: the token keeps the version it was issued under.
      if (user?.id) token.sessionVersion = (await currentSessionVersion(await getDb(), user.id)) ?? undefined;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sessionVersion;
      return session;
    },
  },
  events: {
    // Auth.js's own sign-out route ends the sessions too, not only the app's sign-out action.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub || token.sessionVersion === undefined) return;
      await endSessions(await getDb(), { userId: token.sub, ifVersion: token.sessionVersion });
    },
  },
});
