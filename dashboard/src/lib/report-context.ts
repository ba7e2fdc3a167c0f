import { getContext, setContext } from 'svelte';

/** What a printed report asks of the views it holds; absent on screen. */
export interface ReportContext {
  /** Long lists print only this many rows (the rest belong in the xlsx, and the report says so). */
  maxListRows: number;
}

const KEY = Symbol('report');

export function setReportContext(context: ReportContext): void {
  setContext(KEY, context);
}

/** The report a view is printed in, or undefined on screen. */
export function reportContext(): ReportContext | undefined {
  return getContext<ReportContext | undefined>(KEY);
}
