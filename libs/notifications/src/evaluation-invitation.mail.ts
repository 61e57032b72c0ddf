import { html } from './escape-html';
import type { RenderedMail } from './payment-reminder.mail';

/**
 * The evaluation invitation (docs/domain.md §5): the seller asks the buyer to rate a completed order,
 * with the signed link to the evaluation page and the last day it is accepted. Pure: data in,
 * text out; every value in the HTML goes through the escaping `html` template.
 */
export interface EvaluationInvitationInput {
  orderNo: string;
  buyerName: string;
  sellerName: string;
  /** `YYYY-MM-DD` (UTC) the order completed. */
  completedOn: string;
  /** `YYYY-MM-DD` (UTC): the last day an evaluation is accepted. */
  closesOn: string;
  link: string;
}

export function renderEvaluationInvitation(input: EvaluationInvitationInput): RenderedMail {
  const { orderNo, buyerName, sellerName, completedOn, closesOn, link } = input;
  // A header value: no line breaks, whatever the seller's name holds.
  const subject = `How was order ${orderNo}? ${sellerName} asks for your evaluation`.replace(/[\r\n]+/g, ' ');
  const text = [
    `Dear ${buyerName},`,
    '',
    `${sellerName} asks you to evaluate order ${orderNo}, completed on ${completedOn}.`,
    'Rate three things from 1 to 5 stars: service attitude, delivery speed, and the accuracy of the goods description. A comment is welcome.',
    '',
    `Evaluate the order (until the end of ${closesOn}, UTC):`,
    link,
    '',
    'Your evaluation is shown to other buyers with the seller\'s score; it does not show your name or e-mail address.',
    '',
  ].join('\n');
  const body = html`<!doctype html>
<html><body style="font-family:sans-serif">
<p>Dear ${buyerName},</p>
<p>${sellerName} asks you to evaluate order <strong>${orderNo}</strong>, completed on ${completedOn}.</p>
<p>Rate three things from 1 to 5 stars: service attitude, delivery speed, and the accuracy of the goods description. A comment is welcome.</p>
<p><a href="${link}">Evaluate order ${orderNo}</a> (until the end of ${closesOn}, UTC).</p>
<p style="color:#5b6473">Your evaluation is shown to other buyers with the seller's score; it does not show your name or e-mail address.</p>
</body></html>
`;
  return { subject, html: body.value, text };
}

/** The evaluation page (docs/contract.md: `/buyer/orders/{orderNo}/evaluation?t=`, under `/api/v1`). */
export function evaluationUrl(publicUrl: string, orderNo: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/buyer/orders/${encodeURIComponent(orderNo)}/evaluation?t=${token}`;
}
