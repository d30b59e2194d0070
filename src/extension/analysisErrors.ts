/** Why an analysis request gave no report (shared by the worker service and its users; no Node imports, for the web build). */
export class AnalysisTimeout extends Error {}
/** A newer request for the same document took this one's place. */
export class AnalysisCancelled extends Error {}
/** The analysis needed more memory than the worker may use. */
export class AnalysisResourceLimit extends Error {}
