// Schedule D, Parts I and II: the line of each Form 8949 box, carrying that box's rounded-once
// totals (tax-boxes.ts says which box goes on which line).
import type { Form8949 } from './form-8949.js';
import { addTotals, type Form8949Totals } from './form-8949-totals.js';
import type { Form8949Box } from './tax-boxes.js';

/** One Schedule D line with the boxes it carries. */
export interface ScheduleDLine {
  readonly line: string;
  readonly part: 'I' | 'II';
  readonly boxes: Form8949Box[];
  readonly totals: Form8949Totals;
}

/** Schedule D lines 1b–3 and 8b–10 as used; line 7 (net short-term) and 15 (net long-term) as totals. */
export interface ScheduleD {
  readonly lines: ScheduleDLine[];
  readonly shortTerm: Form8949Totals;
  readonly longTerm: Form8949Totals;
  readonly total: Form8949Totals;
}

const LINE_ORDER = ['1b', '2', '3', '8b', '9', '10'];

/** The lines the form's boxes fill, in line order. */
export function scheduleD(form: Form8949): ScheduleD {
  const lines = LINE_ORDER.flatMap((line): ScheduleDLine[] => {
    const sections = form.boxes.filter((section) => section.scheduleDLine === line);
    if (sections.length === 0) return [];
    return [
      {
        line,
        part: sections[0]?.part ?? 'I',
        boxes: sections.map((section) => section.box),
        totals: addTotals(sections.map((section) => section.totals)),
      },
    ];
  });
  const shortTerm = addTotals(lines.filter((line) => line.part === 'I').map((line) => line.totals));
  const longTerm = addTotals(lines.filter((line) => line.part === 'II').map((line) => line.totals));
  return { lines, shortTerm, longTerm, total: addTotals([shortTerm, longTerm]) };
}
