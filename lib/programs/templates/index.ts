import { actionsTemplate } from "./actions";
import { causeTemplate } from "./cause";
import { certificatesTemplate } from "./certificates";
import { clubTemplate } from "./club";
import {
  discountCardFixedTemplate,
  discountCardProgressiveTemplate,
  discountCardTieredTemplate,
} from "./discount-card";
import { giftOnConditionsTemplate } from "./gift-on-conditions";
import { experiencesTemplate } from "./experiences";
import { paidMembershipTemplate } from "./paid-membership";
import { spendTiersTemplate } from "./spend-tiers";
import { stampCardTemplate } from "./stamp-card";
import { starsTemplate } from "./stars";
import type { ProgramTemplate } from "./types";

export type { ProgramTemplate, TemplateContext, TemplateProgram } from "./types";

/**
 * Every template onboarding offers, in the order it shows them. A new template is one more
 * file here and one more entry below (its strings under `adminOnboarding.templates.<key>`).
 */
export const programTemplates = [
  starsTemplate,
  spendTiersTemplate,
  actionsTemplate,
  paidMembershipTemplate,
  experiencesTemplate,
  stampCardTemplate,
  discountCardFixedTemplate,
  discountCardTieredTemplate,
  discountCardProgressiveTemplate,
  certificatesTemplate,
  giftOnConditionsTemplate,
  clubTemplate,
  causeTemplate,
] as const satisfies readonly ProgramTemplate[];

export const templateKeys = programTemplates.map((template) => template.key);

export function findTemplate(key: string): ProgramTemplate | undefined {
  return programTemplates.find((template) => template.key === key);
}
