// CSV fields for every CSV that Trove writes (the Query page's table, /api/export), written once so
// the page and the server quote and neutralise alike.

/** RFC 4180: quoted only when needed (comma, quote, line break, outer spaces), quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

// OWASP CSV injection: a spreadsheet evaluates a cell that starts with one of these as a formula.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A text cell made safe for spreadsheets: a leading formula character gets an apostrophe in front,
 * which Excel, LibreOffice and Google Sheets show as text and do not evaluate. Only for files meant
 * for spreadsheets; exact exports (neo4j-admin import) must keep the text as it is.
 */
export function spreadsheetText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One spreadsheet-safe CSV field. */
export function spreadsheetField(text: string): string {
  return csvField(spreadsheetText(text));
}
