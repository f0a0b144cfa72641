/**
 * Every failure the domain reports on purpose. The code is stable (API clients and tests
 * match on it); the message is for logs and the API, and the UI shows a translation of the code.
 * `invalid_input` names its field in `details` (`field`, and `validation`, a key of the
 * "validation" catalog: e.g. `tooLarge` past a bound of lib/limits.ts, `saleTooOld` /
 * `saleInFuture` outside the program's sale time window, `unknownField` for a field the API
 * does not take).
 */
export const appErrorCodes = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_input: 422,
  insufficient_points: 409,
  out_of_stock: 409,
  reward_unavailable: 409,
  reward_limit_reached: 409,
  tier_too_low: 409,
  idempotency_conflict: 409,
  purchase_already_recorded: 409,
  email_taken: 409,
  already_member: 409,
  /** The member's membership of the program is closed: nothing can be earned, spent or joined on it. */
  membership_closed: 409,
  already_awarded: 409,
  refund_exceeds_purchase: 409,
  voucher_already_used: 409,
  voucher_expired: 409,
  voucher_cancelled: 409,
  challenge_closed: 409,
  sweepstake_closed: 409,
  sweepstake_not_due: 409,
  sweepstake_already_drawn: 409,
  tier_not_for_sale: 422,
  payment_failed: 402,
  /** Too many sign-in attempts for this account from this address, or from this address. */
  rate_limited: 429,
  /** Too many sign-ups from one address: each costs a password hash. */
  too_many_sign_ups: 429,
  no_draft: 409,
  /**
   * Publishing a draft that drops a tier some active reward names as its minimum: the reward
   * would be locked for everyone. Details list the rewards ({ id, name, minTierKey }).
   */
  reward_tier_missing: 409,
  self_referral: 422,
  already_referred: 409,
  /** Removing this staff member would leave the merchant without an owner. */
  last_owner: 409,
  /** An API request body over the size the API accepts (lib/api/api-route.ts). */
  body_too_large: 413,
  /** An API request body that is not JSON. */
  invalid_json: 400,
} as const;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return appErrorCodes[this.code];
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
