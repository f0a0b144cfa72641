// Module augmentation only works with interfaces, hence no `type` here.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
  }
}
