// How Form 8949 words its boxes, for the printed forms.
import type { Form8949Box } from './tax-boxes.js';

/** The checkbox text of each box, as the form words it. */
export const BOX_TEXT: Record<Form8949Box, string> = {
  A: 'Short-term transactions reported on Form(s) 1099-B showing basis was reported to the IRS',
  B: "Short-term transactions reported on Form(s) 1099-B showing basis wasn't reported to the IRS",
  C: 'Short-term transactions not reported to you on Form 1099-B',
  D: 'Long-term transactions reported on Form(s) 1099-B showing basis was reported to the IRS',
  E: "Long-term transactions reported on Form(s) 1099-B showing basis wasn't reported to the IRS",
  F: 'Long-term transactions not reported to you on Form 1099-B',
  G: 'Short-term digital asset transactions reported on Form(s) 1099-DA showing basis was reported to the IRS',
  H: "Short-term digital asset transactions reported on Form(s) 1099-DA showing basis wasn't reported to the IRS",
  I: 'Short-term digital asset transactions not reported to you on Form 1099-DA',
  J: 'Long-term digital asset transactions reported on Form(s) 1099-DA showing basis was reported to the IRS',
  K: "Long-term digital asset transactions reported on Form(s) 1099-DA showing basis wasn't reported to the IRS",
  L: 'Long-term digital asset transactions not reported to you on Form 1099-DA',
};

/** The three boxes of a box's part and form family (A-C, D-F, G-I, J-L), in order. */
export function boxFamily(box: Form8949Box): Form8949Box[] {
  const family = ['ABC', 'DEF', 'GHI', 'JKL'].find((letters) => letters.includes(box)) ?? box;
  return [...family] as Form8949Box[];
}
