/** Typed request-scoped values carried on `response.locals`. */

/** The authenticated admin-API caller (set by the JWT middleware). */
export interface Principal {
  readonly userId: string;
  readonly isSuperuser: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      principal?: Principal;
    }
  }
}
