/**
 * Every failure the domain reports on purpose. The code is stable (API clients and tests
 * match on it); the message is for logs and the API, and the UI shows a translation of the code.
 * `invalid_input` names its field in `details` (`field`, and `validation`, a key of the
 * "validation" catalog: e.g. `tooLarge` past a bound of lib/limits.ts, `saleTooOld` /
 * `saleInFuture` outside the program's sale time window, `unknownField` for a field the API
 * does not take).
 */
export const appErrorCodes = {
  /** No such object for this caller: another merchant's or member's ids are "not found" too, never "forbidden". */
  not_found: 404,
  /** Signed in, but the role at this merchant does not allow it. */
  forbidden: 403,
  /** Not signed in (actions), or no valid API key (the API). */
  unauthenticated: 401,
  /** A wrong e-mail or password, or a wrong current password; never says which. */
  invalid_credentials: 401,
  /** A value that does not pass its schema or a domain check; see above for its details. */
  invalid_input: 422,
  /** The balance does not cover the redemption or the payment with points. */
  insufficient_points: 409,
  /** The reward's limited stock is gone. */
  out_of_stock: 409,
  /** The reward is archived, outside its dates, or needs a tier the version in force lacks. */
  reward_unavailable: 409,
  /** The member has redeemed this reward as often as it allows. */
  reward_limit_reached: 409,
  /** The reward needs a higher tier than the member holds. */
  tier_too_low: 409,
  /** An Idempotency-Key already used with a different request. */
  idempotency_conflict: 409,
  /** A sale with this `externalId` is already recorded for the merchant. */
  purchase_already_recorded: 409,
  /** An account with this e-mail exists. */
  email_taken: 409,
  /** The person is already a member of this program. */
  already_member: 409,
  /**
   * The program runs as a pilot (some stores or a share of members, lib/rollout) that does not
   * reach this person: they cannot join it yet.
   */
  program_not_available: 409,
  /** The member's membership of the program is closed: nothing can be earned, spent or joined on it. */
  membership_closed: 409,
  /** A once-only award (sign-up, birthday, referral, prize) the member already has. */
  already_awarded: 409,
  /** Refunds would total more than the sale's amount. */
  refund_exceeds_purchase: 409,
  /** The voucher was used before; a voucher is used once. */
  voucher_already_used: 409,
  /** The voucher's last valid local day has passed. */
  voucher_expired: 409,
  /** The voucher was cancelled and its points given back. */
  voucher_cancelled: 409,
  /** The challenge has not started or is over. */
  challenge_closed: 409,
  /** The sweepstake takes no more entries. */
  sweepstake_closed: 409,
  /** The sweepstake's draw time has not come. */
  sweepstake_not_due: 409,
  /** The sweepstake was drawn; a draw happens once. */
  sweepstake_already_drawn: 409,
  /** The tier is earned, not bought. */
  tier_not_for_sale: 422,
  /** The payment provider refused or failed to take the payment; nothing was recorded. */
  payment_failed: 402,
  /** Too many sign-in attempts for this account from this address, or from this address. */
  rate_limited: 429,
  /** Too many sign-ups from one address: each costs a password hash. */
  too_many_sign_ups: 429,
  /** There is no draft version to edit or publish. */
  no_draft: 409,
  /**
   * Publishing a draft that drops a tier some active reward names as its minimum: the reward
   * would be locked for everyone. Details list the rewards ({ id, name, minTierKey }).
   */
  reward_tier_missing: 409,
  /** A member used their own referral code. */
  self_referral: 422,
  /** The member was already referred by someone. */
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
