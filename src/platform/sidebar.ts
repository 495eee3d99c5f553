/**
 * Shows one of the project's HTML files (src/ui/*.html, copied next to Code.js by the build) as the sheet's
 * sidebar, evaluated as an HtmlService template: `vars` become the template's variables, and `<?= ?>` escapes
 * whatever it prints.
 */
export function showTemplateSidebar(file: string, title: string, vars: Readonly<Record<string, unknown>>): void {
  const template = HtmlService.createTemplateFromFile(file);
  const scope = template as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(vars)) scope[name] = value;
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(title));
}
