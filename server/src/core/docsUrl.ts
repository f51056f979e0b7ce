// Where each rule's documentation lives (the `codeDescription` link of diagnostics and SARIF `helpUri`).

export const DOCS_BASE_URL = "https://github.com/genai-lint/genai-lint/blob/main/docs/rules";

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}
